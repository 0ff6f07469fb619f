package dev.scraper.testing.routes;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * 302 chains with relative {@code Location}s: {@code /redirect/N} (N &gt; 0) goes to {@code /redirect/N-1}, and
 * {@code /redirect/0} goes to {@code /page/1.html}, so {@code /redirect/N} takes N+1 hops to a 200. {@code /loop} goes
 * to itself forever.
 */
public final class RedirectRoute implements Handler<HttpServerRequest> {
  @Override
  public void handle(HttpServerRequest req) {
    if (req.path().equals("/loop")) {
      redirect(req, "/loop");
      return;
    }
    int n = Respond.number(req, "/redirect/", "");
    if (n < 0) {
      Respond.notFound(req);
    } else {
      redirect(req, n == 0 ? "/page/1.html" : "/redirect/" + (n - 1));
    }
  }

  private static void redirect(HttpServerRequest req, String location) {
    req.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, location).end();
  }
}
