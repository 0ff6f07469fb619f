package dev.scraper.fetch;

import dev.scraper.config.FetchPolicy;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The life of one URL's fetch: hop after hop until a final answer, the budget runs out or a check fails.
 * Settles exactly once. Lives on the event loop that created it.
 */
final class Exchange {
  private final Vertx vertx;
  private final WebClient client;
  private final String url;
  private final FetchPolicy policy;
  private final Promise<FetchResult> done = Promise.promise();
  private final Set<String> visited = new HashSet<>();
  private final long startNanos = System.nanoTime();
  private String current;
  private CappedBody body;
  private long deadlineTimer = -1;

  Exchange(Vertx vertx, WebClient client, String url, FetchPolicy policy) {
    this.vertx = vertx;
    this.client = client;
    this.url = url;
    this.policy = policy;
    this.current = url;
  }

  Future<FetchResult> run() {
    deadlineTimer = vertx.setTimer(policy.timeoutMs(), id -> {
      deadlineTimer = -1;
      fail(null, new FetchError(ErrorType.TIMEOUT, "no complete answer within timeoutMs=" + policy.timeoutMs()));
    });
    visited.add(url);
    hop(url, 0);
    return done.future();
  }

  private void hop(String target, int redirects) {
    current = target;
    HttpRequest<Buffer> request;
    try {
      request = client.requestAbs(HttpMethod.GET, target);
    } catch (RuntimeException e) {
      fail(null, new FetchError(ErrorType.PROTOCOL, "cannot request '" + target + "': " + e.getMessage()));
      return;
    }
    long left = Math.max(1, policy.timeoutMs() - elapsedMs());
    request.followRedirects(false)
        .connectTimeout(Math.min(policy.connectTimeoutMs(), left))
        .idleTimeout(policy.idleTimeoutMs())
        .putHeader("User-Agent", policy.userAgent());
    for (Map.Entry<String, String> h : policy.headers().entrySet()) {
      request.putHeader(h.getKey(), h.getValue());
    }
    CappedBody capped = new CappedBody(policy.maxBodyBytes());
    body = capped;
    capped.overflow().onSuccess(size -> fail(null,
        new FetchError(ErrorType.BODY_TOO_LARGE, "body passed maxBodyBytes=" + policy.maxBodyBytes()
            + " (download stopped)")));
    request.as(capped.codec()).send().onComplete(ar -> {
      if (done.future().isComplete()) {
        return;
      }
      if (ar.failed()) {
        fail(null, Failures.classify(ar.cause()));
      } else {
        onResponse(ar.result(), redirects);
      }
    });
  }

  private void onResponse(HttpResponse<Buffer> response, int redirects) {
    int status = response.statusCode();
    String location = response.getHeader("Location");
    if (policy.followRedirects() && Redirects.isRedirect(status) && location != null) {
      follow(status, location, redirects);
      return;
    }
    Buffer content = response.body();
    if (status >= 400) {
      settle(new FetchResult(url, current, status, elapsedMs(), null, content == null ? 0 : content.length(),
          response.getHeader("Content-Type"), System.currentTimeMillis(), 1,
          new FetchError(ErrorType.HTTP_STATUS, "HTTP " + status + reason(response))));
      return;
    }
    settle(new FetchResult(url, current, status, elapsedMs(), content, content == null ? 0 : content.length(),
        response.getHeader("Content-Type"), System.currentTimeMillis(), 1, null));
  }

  private void follow(int status, String location, int redirects) {
    if (redirects >= policy.maxRedirects()) {
      fail(status, new FetchError(ErrorType.TOO_MANY_REDIRECTS,
          "still redirected (" + status + ") after maxRedirects=" + policy.maxRedirects()));
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
      fail(status, new FetchError(ErrorType.REDIRECT_SCHEME,
          "redirect to a " + (scheme.isEmpty() ? "scheme-less" : scheme + ":") + " URL refused; only http and https are followed"));
      return;
    }
    String target = next.toString();
    if (!visited.add(target)) {
      fail(status, new FetchError(ErrorType.TOO_MANY_REDIRECTS, "redirect loop back to " + target));
      return;
    }
    hop(target, redirects + 1);
  }

  private void fail(Integer status, FetchError error) {
    settle(new FetchResult(url, current, status, elapsedMs(), null, 0, null, System.currentTimeMillis(), 1, error));
  }

  private void settle(FetchResult result) {
    if (!done.tryComplete(result)) {
      return;
    }
    if (deadlineTimer >= 0) {
      vertx.cancelTimer(deadlineTimer);
    }
    if (!result.ok() && body != null) {
      body.stop();
    }
  }

  private long elapsedMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static String reason(HttpResponse<?> response) {
    String m = response.statusMessage();
    return m == null || m.isBlank() ? "" : " " + m;
  }
}
