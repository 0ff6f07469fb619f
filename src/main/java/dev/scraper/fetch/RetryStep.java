package dev.scraper.fetch;

import dev.scraper.config.FetchPolicy;

/**
 * The retry phase: whether a failed attempt is tried again, and after how long. Network errors, timeouts and
 * {@code retryOn} statuses are retried with {@link Backoff} (or the server's Retry-After), up to {@code retries}
 * times and only while the URL's budget has room for the wait. Pure.
 */
final class RetryStep {
  private RetryStep() {
  }

  /**
   * What to do after a failed attempt.
   *
   * @param attempts attempts made so far
   * @param retryAfterMs the server's Retry-After, or -1
   * @param deadline the URL's budget, to check the wait against
   */
  static Decision decide(FetchError error, Integer status, long retryAfterMs, int attempts, FetchPolicy policy,
                         Deadline deadline, long nowNanos) {
    if (!error.retryable() || attempts > policy.retries()) {
      return Decision.fail(attempts > 1 ? error.withSuffix(" (after " + attempts + " attempts)") : error);
    }
    long wait = retryAfterMs >= 0 ? retryAfterMs : Backoff.delayMs(attempts + 1);
    if (deadline.wouldExpire(nowNanos, wait)) {
      return Decision.fail(error.withSuffix(" (no time left in timeoutMs=" + deadline.budgetMs()
          + " for attempt " + (attempts + 1) + ")"));
    }
    return new Decision(null, Math.max(1, wait), status != null ? "http-" + status : error.type().wire());
  }

  /**
   * @param failure the error to end the URL with, or null to retry
   * @param waitMs how long to wait before the next attempt
   * @param reason why it is retried ({@code timeout}, {@code http-503}...), for the run's counters
   */
  record Decision(FetchError failure, long waitMs, String reason) {
    static Decision fail(FetchError error) {
      return new Decision(error, 0, null);
    }
  }
}
