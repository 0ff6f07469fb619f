package dev.scraper.fetch;

import dev.scraper.config.FetchPolicy;
import dev.scraper.record.ErrorType;

/**
 * The status phase: what a final answer's status means for the URL. Below 400 and not in {@code retryOn} it is the
 * page; a {@code retryOn} status is a retryable {@code http-status} error (unless its Retry-After asks for longer
 * than {@code maxRetryAfterMs}: then it ends the URL at once); any other status from 400 on ends it. Pure.
 */
final class StatusStep {
  private StatusStep() {
  }

  /**
   * The error the status makes, or null when the answer is the page.
   *
   * @param reason the status line's reason phrase, or null
   * @param retryAfterMs the Retry-After the server sent with a 429/503, or -1
   */
  static FetchError error(int status, String reason, long retryAfterMs, FetchPolicy policy) {
    boolean retried = policy.retryOn().contains(status);
    if (status < 400 && !retried) {
      return null;
    }
    String message = "HTTP " + status + (reason == null || reason.isBlank() ? "" : " " + reason);
    if (retryAfterMs > policy.maxRetryAfterMs()) {
      return new FetchError(ErrorType.HTTP_STATUS, message + "; Retry-After of "
          + (retryAfterMs == Long.MAX_VALUE ? "forever" : (retryAfterMs / 1000) + " s")
          + " is over maxRetryAfterMs=" + policy.maxRetryAfterMs());
    }
    return new FetchError(ErrorType.HTTP_STATUS, message, retried);
  }
}
