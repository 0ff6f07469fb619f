package dev.scraper.fetch;

import dev.scraper.config.FetchPolicy;
import dev.scraper.memory.MemoryBudget;
import dev.scraper.record.ErrorType;
import dev.scraper.url.WebUrl;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;

/**
 * One request of a URL's fetch (one attempt's hop), the body-limit phase included: a declared Content-Length over
 * the cap is refused from the head, a body that grows past it is stopped, and either way the connection is reset
 * so that the transfer really stops. Settles once: with the response (body kept in memory, charged to the budget),
 * or with the failure. Lives on the event loop of the exchange that made it.
 */
final class Hop {
  /** Bodies arrive compressed and are decoded by the parse stage, off the event loop. */
  static final String ACCEPT_ENCODING = "gzip, deflate";
  private final WebUrl target;
  private final FetchPolicy policy;
  private final CappedBody body;
  private final Promise<HttpResponse<Buffer>> done = Promise.promise();
  private final long startNanos = System.nanoTime();
  private HttpClientRequest request;
  private Integer headStatus;
  private long headNanos = -1;
  private Long connectMs;
  private boolean watchingBody;

  Hop(WebUrl target, FetchPolicy policy, MemoryBudget budget) {
    this.target = target;
    this.policy = policy;
    this.body = new CappedBody(policy.maxBodyBytes(), budget.body());
  }

  /**
   * Sends the request through {@code client}; {@code connectBudgetMs} is what is left of the URL's budget.
   *
   * @param authorization the Authorization header for this host (from user information), or null
   * @param connections when the client's connections were opened, to tell a new connection from a pooled one
   */
  Future<HttpResponse<Buffer>> send(WebClient client, RequestTap tap, long connectBudgetMs, String authorization,
                                    Connections connections) {
    HttpRequest<Buffer> req = client.requestAbs(policy.head() ? HttpMethod.HEAD : HttpMethod.GET, target.requestUrl());
    if (authorization != null) {
      req.putHeader("Authorization", authorization);
    }
    req.followRedirects(false)
        .connectTimeout(Math.max(1, Math.min(policy.connectTimeoutMs(), connectBudgetMs)))
        .idleTimeout(policy.idleTimeoutMs())
        .putHeader("User-Agent", policy.userAgent())
        .putHeader("Accept-Encoding", ACCEPT_ENCODING);
    for (Map.Entry<String, String> h : policy.headers().entrySet()) {
      req.putHeader(h.getKey(), h.getValue());
    }
    boolean tls = "https".equals(target.scheme());
    String tag = tap.expect(created -> created(created, connections), tls ? Transport.tls(policy.tlsProxy()) : null,
        Transport.proxy(policy.tlsProxy()));
    req.putHeader(RequestTap.TAG, tag);
    body.overflow().onSuccess(size -> fail(new FetchError(ErrorType.BODY_TOO_LARGE,
        "body passed maxBodyBytes=" + policy.maxBodyBytes() + "; download stopped")));
    req.as(body.codec()).send().onComplete(ar -> {
      tap.forget(tag);
      if (ar.succeeded()) {
        done.tryComplete(ar.result());
      } else {
        fail(ar.cause());
      }
    });
    return done.future();
  }

  /** The client created the request: keep it to reset; from the head on, watch the declared length and silence. */
  private void created(HttpClientRequest created, Connections connections) {
    if (done.future().isComplete()) {
      created.reset();
      return;
    }
    request = created;
    connectMs = connections.openedSince(created.connection(), startNanos);
    created.response().onSuccess(this::head);
  }

  private void head(HttpClientResponse resp) {
    if (done.future().isComplete()) {
      return;
    }
    headStatus = resp.statusCode();
    headNanos = System.nanoTime();
    body.touch(); // silence is counted from the head on
    long declared = declaredLength(resp);
    if (declared > policy.maxBodyBytes()) {
      fail(new FetchError(ErrorType.BODY_TOO_LARGE, "declared Content-Length " + declared
          + " is over maxBodyBytes=" + policy.maxBodyBytes() + "; not downloaded"));
      return;
    }
    body.expect(declared);
    watchingBody = true;
  }

  /** Ends the hop with a failure and closes its connection. */
  void fail(Throwable cause) {
    if (done.tryFail(cause)) {
      reset();
    }
  }

  /** Closes the connection, so that nothing more is transferred for this request, and gives its bytes back. */
  void reset() {
    body.stop();
    HttpClientRequest r = request;
    request = null;
    if (r != null) {
      r.reset();
    }
  }

  /** Whether the body has been silent for {@code idleMs} (the client's own idle timeout stops at the head). */
  boolean silentFor(long nowNanos, long idleMs) {
    return watchingBody && !done.future().isComplete()
        && (nowNanos - body.lastByteNanos()) / 1_000_000 >= idleMs;
  }

  /** The timeout of a body silent for {@code idleMs}: retryable. */
  FetchError silenceError(long idleMs) {
    return new FetchError(ErrorType.TIMEOUT, "no body byte for idleTimeoutMs=" + idleMs, true);
  }

  /** The status of the response head, once it came; null before. */
  Integer headStatus() {
    return headStatus;
  }

  boolean headArrived() {
    return headStatus != null;
  }

  WebUrl target() {
    return target;
  }

  /** Ms to open the connection this request went out on, or null when it was a pooled one. */
  Long connectMs() {
    return connectMs;
  }

  /** Ms from the request's start to its response head, or null before the head. */
  Long ttfbMs() {
    return headNanos < 0 ? null : (headNanos - startNanos) / 1_000_000;
  }

  /** The bytes this hop's body holds in the budget. */
  MemoryBudget.Charge charge() {
    return body.charge();
  }

  long elapsedMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static long declaredLength(HttpClientResponse resp) {
    String cl = resp.getHeader("Content-Length");
    if (cl == null || resp.getHeader("Content-Encoding") != null) {
      return -1; // a compressed body is capped as it is decoded
    }
    try {
      return Long.parseLong(cl.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
