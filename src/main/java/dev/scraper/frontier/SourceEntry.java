package dev.scraper.frontier;

/**
 * One URL as the source gave it.
 *
 * @param url the URL, trimmed
 * @param where where it came from, for messages ({@code urls[3]}, {@code urls.txt:17})
 * @param problem why it cannot be fetched (not an http/https URL), or null
 */
public record SourceEntry(String url, String where, String problem) {
}
