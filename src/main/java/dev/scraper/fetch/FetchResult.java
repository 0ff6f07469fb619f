package dev.scraper.fetch;

import dev.scraper.memory.MemoryBudget;
import dev.scraper.record.Redirect;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * How one URL's fetch ended. Exactly one per URL; a failure is data here, never an exception. A body is kept in
 * memory against the engine's budget until {@link #release()}.
 *
 * @param url the URL fetched first (normalised)
 * @param finalUrl the URL of the last hop (after redirects)
 * @param status the final HTTP status, or null when no response came
 * @param latencyMs from the start of the final attempt to its last body byte (or to the failure)
 * @param body the body, or null on error
 * @param bytes body size in bytes as received (0 when none)
 * @param contentType the Content-Type header of the final response, or null
 * @param contentEncoding the Content-Encoding of the body (not yet undone: the parse stage does that), or null
 * @param fetchedAt epoch millis when the fetch ended
 * @param attempts attempts made
 * @param error the failure, or null
 * @param retryReasons why each retry was made ({@code timeout}, {@code connect}, {@code http-503}...), in order
 * @param charge the budget's bytes held for the body, or null when none are held
 * @param location where a 3xx answer that was not followed points (absolute when it resolves), or null
 * @param redirects the redirects followed in the final attempt
 * @param connectMs opening a new connection for the final request (TLS included); null when one was reused
 * @param ttfbMs from the final request's start to its response head; null when none came
 * @param totalMs from the first request's start to the end, everything included
 * @param robotsTag the final response's X-Robots-Tag header, or null
 * @param validators the final response's ETag and Last-Modified, or null when it had neither
 */
public record FetchResult(String url, String finalUrl, Integer status, long latencyMs, Buffer body, long bytes,
                          String contentType, String contentEncoding, long fetchedAt, int attempts, FetchError error,
                          List<String> retryReasons, MemoryBudget.Charge charge, String location,
                          List<Redirect> redirects, Long connectMs, Long ttfbMs, long totalMs, String robotsTag,
                          Validators validators) {

  /** A result without location, redirects and timings (tools and tests). */
  public FetchResult(String url, String finalUrl, Integer status, long latencyMs, Buffer body, long bytes,
                     String contentType, String contentEncoding, long fetchedAt, int attempts, FetchError error,
                     List<String> retryReasons, MemoryBudget.Charge charge) {
    this(url, finalUrl, status, latencyMs, body, bytes, contentType, contentEncoding, fetchedAt, attempts, error,
        retryReasons, charge, null, List.of(), null, null, latencyMs, null, null);
  }

  /** The outcome of a URL that was not fetched at all (robots.txt said no, ...): attempts 0. */
  public static FetchResult notFetched(String url, FetchError error) {
    return new FetchResult(url, url, null, 0, null, 0, null, null, System.currentTimeMillis(), 0, error, List.of(),
        null);
  }

  /** Whether the server answered a conditional request with 304 Not Modified. */
  public boolean notModified() {
    return error == null && status != null && status == 304;
  }

  public boolean ok() {
    return error == null;
  }

  /** Gives the body's bytes back to the budget (once the body is no longer needed). */
  public void release() {
    if (charge != null) {
      charge.release();
    }
  }
}
