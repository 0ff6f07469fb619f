package dev.scraper.fetch;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter between attempts of one URL: {@value #BASE_MS} ms doubled per attempt, at most
 * {@value #MAX_MS} ms, times a random factor in [0.5, 1.5) so that retries of many URLs do not arrive together.
 */
public final class Backoff {
  static final long BASE_MS = 250;
  static final long MAX_MS = 10_000;

  private Backoff() {
  }

  /** The wait before attempt {@code next} (2 for the first retry). */
  public static long delayMs(int next) {
    return delayMs(next, ThreadLocalRandom.current().nextDouble());
  }

  /** As {@link #delayMs(int)}, with the random draw in [0, 1) given (for tests). */
  static long delayMs(int next, double random) {
    int doublings = Math.max(0, Math.min(next - 2, 20));
    long base = Math.min(MAX_MS, BASE_MS << doublings);
    return Math.round(base * (0.5 + random));
  }
}
