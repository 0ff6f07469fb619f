package dev.scraper.fetch;

import dev.scraper.config.FetchPolicy;
import dev.scraper.internal.HostKeys;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The life of one URL's fetch, in order: attempts (with backoff between them, inside the URL's own budget), each
 * made of hops (redirects checked one by one), each hop one request whose connection is reset the moment the
 * budget runs out or the body passes its cap. Settles exactly once. Lives on the event loop that created it.
 */
final class Exchange {
  /** Bodies arrive compressed and are decoded by the parse stage, off the event loop. */
  static final String ACCEPT_ENCODING = "gzip, deflate";
  private final Vertx vertx;
  private final WebClient client;
  private final RequestTap tap;
  private final String url;
  private final FetchPolicy policy;
  private final FetchObserver observer;
  private final Promise<FetchResult> done = Promise.promise();
  private final Set<String> visited = new HashSet<>();
  private final List<String> retryReasons = new ArrayList<>(0);
  private final long startNanos = System.nanoTime();
  /** Start of the current attempt: latencyMs is the final attempt's. */
  private long attemptStartNanos = startNanos;
  /** Status of the current hop's response head, once it came; null before. */
  private Integer headStatus;
  private String current;
  private String hostKey;
  private HttpClientRequest request;
  private int hop;
  private int attempts;
  private final Ticker ticker;
  private long retryTimer = -1;
  /** The body watched for silence, with its hop; null when none. */
  private CappedBody idleBody;
  private int idleHop;
  private boolean headArrived;
  private String encoding;

  Exchange(Vertx vertx, WebClient client, RequestTap tap, Ticker ticker, String url, FetchPolicy policy,
           FetchObserver observer) {
    this.vertx = vertx;
    this.ticker = ticker;
    this.client = client;
    this.tap = tap;
    this.url = url;
    this.policy = policy;
    this.observer = observer;
    this.current = url;
    this.hostKey = HostKeys.of(url);
  }

  Future<FetchResult> run() {
    ticker.add(this);
    attempt();
    return done.future();
  }

  /** Called by the ticker: ends the URL at its deadline, or the hop when its body has been silent too long. */
  void tick(long nowNanos) {
    if (settled()) {
      return;
    }
    if ((nowNanos - startNanos) / 1_000_000 >= policy.timeoutMs()) {
      fail(null, new FetchError(ErrorType.TIMEOUT, "no complete answer within timeoutMs=" + policy.timeoutMs()
          + (attempts > 1 ? " (" + attempts + " attempts)" : "")));
      return;
    }
    CappedBody body = idleBody;
    if (body != null && idleHop == hop && (nowNanos - body.lastByteNanos()) / 1_000_000 >= policy.idleTimeoutMs()) {
      idleBody = null;
      retryOrFail(null, new FetchError(ErrorType.TIMEOUT, "no body byte for idleTimeoutMs="
          + policy.idleTimeoutMs(), true), -1);
    }
  }

  private void attempt() {
    retryTimer = -1;
    attempts++;
    attemptStartNanos = System.nanoTime();
    visited.clear();
    visited.add(url);
    send(url, 0);
  }

  /** One hop: a GET of {@code target}, tagged so that its connection can be reset. */
  private void send(String target, int redirects) {
    if (!target.equals(current)) {
      hostKey = HostKeys.of(target);
    }
    current = target;
    int thisHop = ++hop;
    HttpRequest<Buffer> req;
    try {
      req = client.requestAbs(HttpMethod.GET, target);
    } catch (RuntimeException e) {
      fail(null, new FetchError(ErrorType.PROTOCOL, "cannot request '" + target + "': " + e.getMessage()));
      return;
    }
    long left = Math.max(1, policy.timeoutMs() - elapsedMs());
    req.followRedirects(false)
        .connectTimeout(Math.min(policy.connectTimeoutMs(), left))
        .idleTimeout(policy.idleTimeoutMs())
        .putHeader("User-Agent", policy.userAgent())
        .putHeader("Accept-Encoding", ACCEPT_ENCODING);
    for (Map.Entry<String, String> h : policy.headers().entrySet()) {
      req.putHeader(h.getKey(), h.getValue());
    }
    CappedBody body = new CappedBody(policy.maxBodyBytes());
    String tag = tap.expect(created -> onRequest(thisHop, created, body));
    req.putHeader(RequestTap.TAG, tag);
    body.overflow().onSuccess(size -> {
      if (thisHop == hop) {
        fail(null, new FetchError(ErrorType.BODY_TOO_LARGE,
            "body passed maxBodyBytes=" + policy.maxBodyBytes() + "; download stopped"));
      }
    });
    long hopStart = System.nanoTime();
    req.as(body.codec()).send().onComplete(ar -> {
      tap.forget(tag);
      if (thisHop != hop || settled()) {
        return;
      }
      long hopMs = (System.nanoTime() - hopStart) / 1_000_000;
      cancelIdle();
      if (ar.failed()) {
        FetchError error = Failures.classify(ar.cause());
        if (headArrived && error.type() == ErrorType.CONNECT) {
          error = new FetchError(ErrorType.PROTOCOL, "connection reset before the body was complete", true);
        }
        observer.answered(hostKey, null, hopMs, -1);
        retryOrFail(null, error, -1);
      } else {
        onResponse(ar.result(), redirects, hopMs);
      }
    });
  }

  /**
   * The client created the hop's request: keep it to reset; once the head arrives, refuse a declared body over
   * the cap and watch the body for silence (the client's own idle timeout stops at the response head).
   */
  private void onRequest(int thisHop, HttpClientRequest created, CappedBody body) {
    if (thisHop != hop || settled()) {
      created.reset();
      return;
    }
    request = created;
    headArrived = false;
    headStatus = null;
    created.response().onSuccess(resp -> {
      if (thisHop != hop || settled()) {
        return;
      }
      headArrived = true;
      headStatus = resp.statusCode();
      body.touch(); // silence is counted from the head on
      long declared = declaredLength(resp);
      if (declared > policy.maxBodyBytes()) {
        fail(resp.statusCode(), new FetchError(ErrorType.BODY_TOO_LARGE, "declared Content-Length " + declared
            + " is over maxBodyBytes=" + policy.maxBodyBytes() + "; not downloaded"));
        return;
      }
      idleBody = body;
      idleHop = thisHop;
    });
  }

  private void cancelIdle() {
    idleBody = null;
  }

  private void onResponse(HttpResponse<Buffer> response, int redirects, long hopMs) {
    int status = response.statusCode();
    long retryAfter = status == 429 || status == 503
        ? RetryAfter.parseMs(response.getHeader("Retry-After"), System.currentTimeMillis()) : -1;
    observer.answered(hostKey, status, hopMs, retryAfter);
    String location = response.getHeader("Location");
    if (policy.followRedirects() && Redirects.isRedirect(status) && location != null) {
      follow(status, location, redirects);
      return;
    }
    Buffer content = response.body();
    long bytes = content == null ? 0 : content.length();
    String type = response.getHeader("Content-Type");
    encoding = response.getHeader("Content-Encoding");
    if (status >= 400 || policy.retryOn().contains(status)) {
      FetchError error = new FetchError(ErrorType.HTTP_STATUS, "HTTP " + status + reason(response));
      if (retryAfter > policy.maxRetryAfterMs()) {
        settle(result(status, null, bytes, type, error.withSuffix("; Retry-After of "
            + (retryAfter == Long.MAX_VALUE ? "forever" : (retryAfter / 1000) + " s")
            + " is over maxRetryAfterMs=" + policy.maxRetryAfterMs())));
        return;
      }
      if (policy.retryOn().contains(status)) {
        retryOrFail(status, new FetchError(ErrorType.HTTP_STATUS, error.getMessage(), true), retryAfter);
        return;
      }
      settle(result(status, null, bytes, type, error));
      return;
    }
    settle(result(status, content, bytes, type, null));
  }

  private void follow(int status, String location, int redirects) {
    if (redirects >= policy.maxRedirects()) {
      fail(status, new FetchError(ErrorType.TOO_MANY_REDIRECTS,
          "still redirected (" + status + ") after maxRedirects=" + policy.maxRedirects()));
      return;
    }
    String given = Redirects.scheme(location);
    if (given != null && !given.equals("http") && !given.equals("https")) {
      fail(status, new FetchError(ErrorType.REDIRECT_SCHEME,
          "redirect to a " + given + ": URL refused; only http and https are followed"));
      return;
    }
    URI next;
    try {
      next = Redirects.resolve(current, location);
    } catch (IllegalArgumentException e) {
      fail(status, new FetchError(ErrorType.TOO_MANY_REDIRECTS, "unusable Location '" + location + "'"));
      return;
    }
    String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      fail(status, new FetchError(ErrorType.REDIRECT_SCHEME, "redirect to a "
          + (scheme.isEmpty() ? "scheme-less" : scheme + ":") + " URL refused; only http and https are followed"));
      return;
    }
    String target = next.toString();
    if (!visited.add(target)) {
      fail(status, new FetchError(ErrorType.TOO_MANY_REDIRECTS, "redirect loop back to " + target));
      return;
    }
    send(target, redirects + 1);
  }

  /** Another attempt after a backoff (or the server's Retry-After), if attempts and budget are left. */
  private void retryOrFail(Integer status, FetchError error, long retryAfterMs) {
    if (!error.retryable() || attempts > policy.retries()) {
      fail(status, attempts > 1 ? error.withSuffix(" (after " + attempts + " attempts)") : error);
      return;
    }
    long wait = retryAfterMs >= 0 ? retryAfterMs : Backoff.delayMs(attempts + 1);
    if (elapsedMs() + wait >= policy.timeoutMs()) {
      fail(status, error.withSuffix(" (no time left in timeoutMs=" + policy.timeoutMs() + " for attempt "
          + (attempts + 1) + ")"));
      return;
    }
    retryReasons.add(status != null ? "http-" + status : error.type().wire());
    hop++; // first, so that the failure the reset causes is not taken for this hop's outcome
    resetRequest();
    cancelIdle();
    retryTimer = vertx.setTimer(Math.max(1, wait), id -> attempt());
  }

  /** Ends the URL with an error; the status is the one given, or the current response head's. */
  private void fail(Integer status, FetchError error) {
    settle(result(status != null ? status : headStatus, null, 0, null, error));
  }

  private FetchResult result(Integer status, Buffer body, long bytes, String contentType, FetchError error) {
    return new FetchResult(url, current, status, (System.nanoTime() - attemptStartNanos) / 1_000_000, body, bytes,
        contentType, body == null ? null : encoding,
        System.currentTimeMillis(), attempts, error, retryReasons);
  }

  private void settle(FetchResult result) {
    if (!done.tryComplete(result)) {
      return;
    }
    hop++;
    ticker.remove(this);
    if (retryTimer >= 0) {
      vertx.cancelTimer(retryTimer);
    }
    cancelIdle();
    if (!result.ok()) {
      resetRequest();
    }
  }

  /** Closes the current request's connection, so that nothing more is transferred for it. */
  private void resetRequest() {
    HttpClientRequest r = request;
    request = null;
    if (r != null) {
      r.reset();
    }
  }

  private boolean settled() {
    return done.future().isComplete();
  }

  private long elapsedMs() {
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

  private static String reason(HttpResponse<?> response) {
    String m = response.statusMessage();
    return m == null || m.isBlank() ? "" : " " + m;
  }
}
