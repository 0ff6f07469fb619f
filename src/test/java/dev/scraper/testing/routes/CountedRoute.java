package dev.scraper.testing.routes;

import dev.scraper.testing.InFlightCounter;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * Anything under {@code /counted/} (for example {@code /counted/7.html?ms=200}): held for {@code ms} milliseconds
 * (default 50) and counted in flight by {@code Host} header value meanwhile, then answered with a small page
 * ({@code <h1>Counted /counted/7.html</h1>}). A request the client abandons stops counting when it goes away.
 */
public final class CountedRoute implements Handler<HttpServerRequest> {
  private final Vertx vertx;
  private final InFlightCounter counter;

  /** A route that holds requests on {@code vertx} timers and counts them in {@code counter}. */
  public CountedRoute(Vertx vertx, InFlightCounter counter) {
    this.vertx = vertx;
    this.counter = counter;
  }

  @Override
  public void handle(HttpServerRequest req) {
    String host = req.getHeader("Host") == null ? "" : req.getHeader("Host");
    long ms = Math.max(1, Respond.param(req, "ms", 50));
    boolean[] done = {false};
    counter.enter(host);
    long timer = vertx.setTimer(ms, id -> {
      done[0] = true;
      counter.leave(host); // before the answer, so a client that saw it never finds it still counted
      Respond.html(req, 200, Respond.page("Counted", "<h1>Counted " + req.path() + "</h1>"));
    });
    req.response().closeHandler(v -> {
      if (!done[0]) {
        done[0] = true;
        vertx.cancelTimer(timer);
        counter.leave(host);
      }
    });
  }
}
