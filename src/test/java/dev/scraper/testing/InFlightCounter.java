package dev.scraper.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts requests in flight, overall and per {@code Host} header value (for example {@code 127.0.0.2:41234}),
 * and remembers the highest counts seen. One counter may be shared by several {@link TestSite}s, one per
 * loopback address, so a test sees every host at once. Thread-safe: the servers may run on different event loops.
 */
public final class InFlightCounter {
  private final Map<String, Integer> currentPerHost = new HashMap<>();
  private final Map<String, Integer> maxPerHost = new HashMap<>();
  private int current;
  private int max;
  private int total;

  /** A request to {@code host} started. */
  public synchronized void enter(String host) {
    current++;
    total++;
    max = Math.max(max, current);
    int now = currentPerHost.merge(host, 1, Integer::sum);
    maxPerHost.merge(host, now, Math::max);
  }

  /** A request to {@code host} ended (answered or abandoned by the client). */
  public synchronized void leave(String host) {
    current--;
    currentPerHost.merge(host, -1, Integer::sum);
  }

  /** Requests in flight now. */
  public synchronized int current() {
    return current;
  }

  /** The most requests in flight at once, all hosts together. */
  public synchronized int maxInFlight() {
    return max;
  }

  /** The most requests in flight at once per {@code Host} header value; a copy. */
  public synchronized Map<String, Integer> maxInFlightPerHost() {
    return Map.copyOf(maxPerHost);
  }

  /** Requests counted since the start or the last {@link #reset()}. */
  public synchronized int totalCounted() {
    return total;
  }

  /**
   * Starts a new measurement: the total goes to 0 and the maxima to what is in flight now (0 when idle), so
   * requests still running are accounted for correctly when they end.
   */
  public synchronized void reset() {
    total = 0;
    max = current;
    maxPerHost.clear();
    currentPerHost.forEach((host, n) -> {
      if (n > 0) {
        maxPerHost.put(host, n);
      }
    });
  }
}
