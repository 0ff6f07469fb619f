package dev.scraper.polite;

/**
 * What one request start asks of its host, taken from the policy of the job it belongs to. Jobs sharing a host
 * may ask for different limits: each start is held to its own.
 *
 * @param perHost the host's requests in flight (from every job) must be below this for the start
 * @param delayMs the host's last start (from any job) must be at least this long ago, in ms
 * @param throttle the adaptive throttle's gap and pauses apply (the job's {@code throttle} key)
 * @param crawlDelay the host's robots.txt Crawl-delay applies (the job's {@code robotsTxt} key)
 */
public record Limits(int perHost, long delayMs, boolean throttle, boolean crawlDelay) {
  public Limits {
    if (perHost < 1) {
      throw new IllegalArgumentException("perHost must be at least 1, got " + perHost);
    }
  }
}
