package dev.scraper.metrics;

/**
 * Latencies in fixed memory: 1 ms buckets up to 10 s, then 100 ms buckets up to 10 minutes, then one overflow
 * bucket. Percentiles are exact to the bucket width. Not thread-safe.
 */
public final class LatencyHistogram {
  private static final int FINE = 10_000;
  private static final int COARSE = 6_000;
  private final long[] buckets = new long[FINE + COARSE + 1];
  private long count;
  private long max;
  private long sum;

  public void record(long ms) {
    long v = Math.max(0, ms);
    int i = v < FINE ? (int) v : (int) Math.min(FINE + (v - FINE) / 100, FINE + COARSE);
    buckets[i]++;
    count++;
    sum += v;
    max = Math.max(max, v);
  }

  public long count() {
    return count;
  }

  public long max() {
    return max;
  }

  /** Sum of all latencies, in ms. */
  public long sum() {
    return sum;
  }

  /** The latency at or below which {@code p} (0..1) of the samples fall; 0 when empty. */
  public long percentile(double p) {
    if (count == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(p * count);
    long seen = 0;
    for (int i = 0; i < buckets.length; i++) {
      seen += buckets[i];
      if (seen >= rank && buckets[i] > 0) {
        long value = i < FINE ? i : FINE + (long) (i - FINE) * 100;
        return Math.min(value, max);
      }
    }
    return max;
  }
}
