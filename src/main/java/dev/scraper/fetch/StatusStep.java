package dev.scraper.fetch;

import dev.scraper.config.FetchPolicy;
import dev.scraper.record.ErrorType;
import java.util.List;

/**
 * The status phase: what a final answer's status means for the URL. A status the job expects ({@code expectStatus},
 * or else any status below 400 that is not in {@code retryOn}) is the page; a {@code retryOn} status is a retryable
 * {@code http-status} error (unless its Retry-After asks for longer than {@code maxRetryAfterMs}: then it ends the
 * URL at once); any other status ends it. A 304 Not Modified always is the page: it answers a conditional request.
 * Pure.
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
    List<Integer> expected = policy.expectStatus();
    if (expected.contains(status) || status == 304) { // 304: the answer to a conditional request, never an error
      return null;
    }
    boolean retried = policy.retryOn().contains(status);
    if (expected.isEmpty() && status < 400 && !retried) {
      return null;
    }
    String message = "HTTP " + status + (reason == null || reason.isBlank() ? "" : " " + reason)
        + (expected.isEmpty() || retried ? "" : "; expected " + expectedText(expected));
    if (retryAfterMs > policy.maxRetryAfterMs()) {
      return new FetchError(ErrorType.HTTP_STATUS, message + "; Retry-After of "
          + (retryAfterMs == Long.MAX_VALUE ? "forever" : (retryAfterMs / 1000) + " s")
          + " is over maxRetryAfterMs=" + policy.maxRetryAfterMs());
    }
    return new FetchError(ErrorType.HTTP_STATUS, message, retried);
  }

  private static String expectedText(List<Integer> expected) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < expected.size(); i++) {
      b.append(i == 0 ? "" : i == expected.size() - 1 ? " or " : ", ").append(expected.get(i));
    }
    return b.toString();
  }

  /** The wait a 429 or 503 asks for in its Retry-After, in ms; -1 for other statuses or without the header. */
  static long retryAfterMs(int status, String header) {
    return status == 429 || status == 503 ? RetryAfter.parseMs(header, System.currentTimeMillis()) : -1;
  }
}
