package dev.scraper.frontier;

import dev.scraper.url.WebUrl;

/**
 * One line of a URL source, checked.
 *
 * @param given the URL as given, trimmed (what the record's {@code url} shows)
 * @param where where it came from, for messages ({@code urls[3]}, {@code urls.txt:17})
 * @param url the parsed, normalised URL, or null when it cannot be fetched
 * @param problem why it cannot be fetched, or null
 */
public record SourceEntry(String given, String where, WebUrl url, String problem) {
  /** Checks {@code given} with the one URL rule of the project. */
  public static SourceEntry of(String given, String where) {
    try {
      return new SourceEntry(given, where, WebUrl.parse(given), null);
    } catch (IllegalArgumentException e) {
      return new SourceEntry(given, where, null, e.getMessage());
    }
  }
}
