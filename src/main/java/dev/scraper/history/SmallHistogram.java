package dev.scraper.history;

/**
 * Latencies in a few hundred counters: exact below 100 ms, then two significant digits (1% to 10% wide buckets) up
 * to 1,000 s, then one overflow bucket. Small enough to keep one per host of a run. Not thread-safe.
 */
final class SmallHistogram {
  /** Below this, one bucket per ms. */
  private static final int EXACT = 100;
  /** Decades above {@link #EXACT} with 90 buckets each: 100 ms to 1,000,000 ms. */
  private static final int DECADES = 4;
  private final int[] buckets = new int[EXACT + DECADES * 90 + 1];
  private long count;
  private long max;
  /** Answers by status class: [0] none, [1] 1xx ... [5] 5xx. */
  private final long[] classes = new long[6];

  void record(long ms) {
    long v = Math.max(0, ms);
    buckets[index(v)]++;
    count++;
    max = Math.max(max, v);
  }

  /** Counts one answer's status class (null: no answer). */
  void status(Integer status) {
    classes[status != null && status >= 100 && status < 600 ? status / 100 : 0]++;
  }

  /** The status classes counted, as {"2xx": n, ..., "none": n}, only those seen. */
  io.vertx.core.json.JsonObject statuses() {
    io.vertx.core.json.JsonObject o = new io.vertx.core.json.JsonObject();
    for (int c = 1; c < classes.length; c++) {
      if (classes[c] > 0) {
        o.put(c + "xx", classes[c]);
      }
    }
    if (classes[0] > 0) {
      o.put("none", classes[0]);
    }
    return o;
  }

  /** Adds every sample of {@code other}. */
  void add(SmallHistogram other) {
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] += other.buckets[i];
    }
    for (int i = 0; i < classes.length; i++) {
      classes[i] += other.classes[i];
    }
    count += other.count;
    max = Math.max(max, other.max);
  }

  long count() {
    return count;
  }

  long max() {
    return max;
  }

  /** The smallest bucket value at or below which {@code p} (0..1) of the samples fall, at most max; 0 when empty. */
  long percentile(double p) {
    if (count == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(p * count));
    long seen = 0;
    for (int i = 0; i < buckets.length; i++) {
      seen += buckets[i];
      if (seen >= rank) {
        return Math.min(value(i), max);
      }
    }
    return max;
  }

  static int index(long v) {
    if (v < EXACT) {
      return (int) v;
    }
    long step = 1;
    int base = EXACT;
    for (int d = 0; d < DECADES; d++) {
      step *= 10;
      if (v < step * 100) {
        return base + (int) (v / step) - 10;
      }
      base += 90;
    }
    return base; // overflow
  }

  /** The upper bound of bucket {@code i} (its values are at most this), or Long.MAX_VALUE for the overflow. */
  static long value(int i) {
    if (i < EXACT) {
      return i;
    }
    long step = 1;
    int base = EXACT;
    for (int d = 0; d < DECADES; d++) {
      step *= 10;
      if (i < base + 90) {
        return (i - base + 10) * step + step - 1;
      }
      base += 90;
    }
    return Long.MAX_VALUE;
  }
}
