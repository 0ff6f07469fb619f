package dev.scraper.frontier;

import dev.scraper.url.WebUrl;

/**
 * A URL on its way through a run: what the record will say about where it came from, and what is fetched. Small,
 * so that many can wait in the frontier; later it also carries what a crawl or a conditional request needs.
 *
 * @param given the URL as given (or as found on a page), shown as the record's {@code url}
 * @param url the normalised URL that is fetched and deduplicated
 * @param depth links followed from a seed (0 for a given URL)
 * @param referrer the page the URL was found on, or null
 */
public record CrawlUrl(String given, WebUrl url, int depth, String referrer) {
  /** A URL given by the job (its urls, its urlsFile). */
  public static CrawlUrl seed(SourceEntry entry) {
    return new CrawlUrl(entry.given(), entry.url(), 0, null);
  }
}
