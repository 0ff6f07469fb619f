package dev.scraper.testing.hostile;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fails the first N requests that carry the same key, then answers 200 with {@code <h1>recovered</h1>}:
 * {@code /flaky503?key=K&fails=N} fails with 503 and {@code Retry-After: 1}, {@code /flaky-close?key=K&fails=N} by
 * closing without an answer. Defaults: key {@code default}, fails 2. Counts are per server and per route.
 */
public final class FlakyRoute implements HostileRoute {
  /** The heading of the page served once the failures are used up. */
  public static final String RECOVERED = "recovered";

  private final boolean close;
  private final Map<String, AtomicLong> seen = new ConcurrentHashMap<>();

  private FlakyRoute(boolean close) {
    this.close = close;
  }

  /** {@code /flaky503}. */
  public static FlakyRoute with503() {
    return new FlakyRoute(false);
  }

  /** {@code /flaky-close}. */
  public static FlakyRoute withClose() {
    return new FlakyRoute(true);
  }

  @Override
  public void handle(Exchange ex) {
    String key = ex.request().param("key", "default");
    long attempt = seen.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    if (attempt > ex.request().param("fails", 2)) {
      ex.respondHtml(200, "OK", Http.page(RECOVERED));
    } else if (close) {
      ex.end();
    } else {
      ex.respondHtml(503, "Service Unavailable", Http.page("Unavailable"), "Retry-After: 1");
    }
  }
}
