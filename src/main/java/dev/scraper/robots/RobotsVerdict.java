package dev.scraper.robots;

/**
 * Whether robots.txt lets us fetch a URL.
 *
 * @param allowed may be fetched
 * @param reason why not (for the record's message), or null
 * @param crawlDelayMs the host's Crawl-delay for us, 0 when none
 */
public record RobotsVerdict(boolean allowed, String reason, long crawlDelayMs) {
  static final RobotsVerdict ALLOWED = new RobotsVerdict(true, null, 0);
}
