package dev.scraper.cluster;

import java.util.ArrayDeque;

/**
 * Pages per second over a sliding window of about {@link #WINDOW_MS} ms, from samples of a node's pages done (one a
 * second, as the registry publishes). Thread-safe: sampled on the load's context, read from any.
 */
final class PageRate {
  /** The window the rate is taken over, in ms. */
  static final long WINDOW_MS = 10_000;
  private final ArrayDeque<long[]> samples = new ArrayDeque<>();

  /** Keeps a sample ({@code nanos} from {@link System#nanoTime}) and returns the rate up to it. */
  synchronized double sample(long nanos, long pages) {
    samples.addLast(new long[] {nanos, pages});
    // drop the oldest while the next one still spans the window: the rate is over the window, not less
    while (samples.size() > 2 && nanos - second()[0] >= WINDOW_MS * 1_000_000) {
      samples.removeFirst();
    }
    return rate(nanos, pages);
  }

  /** The rate from the oldest sample kept to this reading, which is not kept. */
  synchronized double peek(long nanos, long pages) {
    return rate(nanos, pages);
  }

  private double rate(long nanos, long pages) {
    long[] first = samples.peekFirst();
    if (first == null || nanos <= first[0]) {
      return 0;
    }
    return Math.max(0, pages - first[1]) / ((nanos - first[0]) / 1e9);
  }

  private long[] second() {
    var it = samples.iterator();
    it.next();
    return it.next();
  }
}
