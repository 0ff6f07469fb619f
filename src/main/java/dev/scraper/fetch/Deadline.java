package dev.scraper.fetch;

import dev.scraper.record.ErrorType;

/**
 * The wall-clock budget of one URL ({@code timeoutMs}): every attempt, hop and backoff counts, but not the time a
 * hop spends waiting for its host's turn (politeness is not the server's slowness). Also times the current attempt,
 * for the record's {@code latencyMs}. Times are System.nanoTime.
 */
final class Deadline {
  private final long budgetMs;
  private final long startNanos;
  private long parkedNanos;
  private long parkedSince = -1;
  private long attemptStart;
  private long attemptParked;

  Deadline(long budgetMs, long nowNanos) {
    this.budgetMs = budgetMs;
    this.startNanos = nowNanos;
    this.attemptStart = nowNanos;
  }

  /** Ms of the budget used: since the start, less the time parked. */
  long usedMs(long nowNanos) {
    long parked = parkedNanos + (parkedSince >= 0 ? nowNanos - parkedSince : 0);
    return (nowNanos - startNanos - parked) / 1_000_000;
  }

  /** Ms since the start, everything included (parked time too). */
  long wallMs(long nowNanos) {
    return (nowNanos - startNanos) / 1_000_000;
  }

  /** Ms of the budget left (at least 1, so that a last request still gets a connect budget). */
  long leftMs(long nowNanos) {
    return Math.max(1, budgetMs - usedMs(nowNanos));
  }

  /** Whether the budget is spent; never while parked. */
  boolean expired(long nowNanos) {
    return parkedSince < 0 && usedMs(nowNanos) >= budgetMs;
  }

  /** Whether waiting {@code waitMs} more would spend the budget. */
  boolean wouldExpire(long nowNanos, long waitMs) {
    return usedMs(nowNanos) + waitMs >= budgetMs;
  }

  long budgetMs() {
    return budgetMs;
  }

  /** The URL waits for its host's turn: the clock stops. */
  void park(long nowNanos) {
    if (parkedSince < 0) {
      parkedSince = nowNanos;
    }
  }

  /** The wait is over: the clock runs again. */
  void unpark(long nowNanos) {
    if (parkedSince >= 0) {
      parkedNanos += nowNanos - parkedSince;
      parkedSince = -1;
    }
  }

  /** A new attempt starts now: latency counts from here. */
  void attemptStarted(long nowNanos) {
    attemptStart = nowNanos;
    attemptParked = parkedNanos;
  }

  /** Ms of the current attempt, less the time it spent parked (hops waiting for their host). */
  long attemptMs(long nowNanos) {
    long parked = parkedNanos - attemptParked + (parkedSince >= 0 ? nowNanos - parkedSince : 0);
    return Math.max(0, (nowNanos - attemptStart - parked) / 1_000_000);
  }

  /** The URL's timeout: its budget ran out (after {@code attempts} attempts). */
  FetchError expiredError(int attempts) {
    return new FetchError(ErrorType.TIMEOUT, "no complete answer within timeoutMs=" + budgetMs
        + (attempts > 1 ? " (" + attempts + " attempts)" : ""));
  }
}
