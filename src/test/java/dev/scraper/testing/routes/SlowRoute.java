package dev.scraper.testing.routes;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code /slow?ms=N}: answers a small page ({@code <h1>Slow N</h1>}) after N ms (default 1000), by timer. The timer
 * is cancelled when the client goes away first.
 */
public final class SlowRoute implements Handler<HttpServerRequest> {
  private final Vertx vertx;

  /** A route whose timers run on {@code vertx}. */
  public SlowRoute(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void handle(HttpServerRequest req) {
    long ms = Math.max(1, Respond.param(req, "ms", 1000));
    long timer = vertx.setTimer(ms, id -> Respond.html(req, 200, Respond.page("Slow", "<h1>Slow " + ms + "</h1>")));
    req.response().closeHandler(v -> vertx.cancelTimer(timer));
  }
}
