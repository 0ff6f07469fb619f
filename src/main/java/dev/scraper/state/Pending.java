package dev.scraper.state;

import dev.scraper.frontier.CrawlUrl;

/**
 * A URL of the frontier on disk, handed to the run: it stays in the store until its record is in the output.
 *
 * @param row its row in the store (the record carries it back to mark it done)
 * @param url the URL to fetch, or null for a source line that is not a URL we fetch
 * @param given the line as given, when {@code url} is null
 * @param problem why the line cannot be fetched (where it came from included), when {@code url} is null
 */
public record Pending(long row, CrawlUrl url, String given, String problem) {
}
