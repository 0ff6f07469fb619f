package dev.scraper.testing.routes;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code /status/CODE}: answers CODE (200-999) with a small HTML body ({@code <h1>Status CODE</h1>}); 204 and 304 have
 * no body. {@code ?retryAfter=S} adds {@code Retry-After: S}. Anything else under {@code /status/} is 400.
 */
public final class StatusRoute implements Handler<HttpServerRequest> {
  @Override
  public void handle(HttpServerRequest req) {
    int code = Respond.number(req, "/status/", "");
    if (code < 200 || code > 999) {
      Respond.html(req, 400, Respond.page("Bad status", "<h1>Bad status</h1>"));
      return;
    }
    String retryAfter = req.getParam("retryAfter");
    if (retryAfter != null) {
      req.response().putHeader(HttpHeaders.RETRY_AFTER, retryAfter);
    }
    if (code == 204 || code == 304) {
      req.response().setStatusCode(code).end();
    } else {
      Respond.html(req, code, Respond.page("Status " + code, "<h1>Status " + code + "</h1>"));
    }
  }
}
