package dev.scraper.testing.routes;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * {@code /drip?every=MS&chunks=K}: a chunked HTML page that sends its head at once, then one small chunk every MS ms
 * (default 100), K times (default 50), then ends. The connection is never idle for long, so only a whole-request
 * deadline stops it early. Stops when the client goes away.
 */
public final class DripRoute implements Handler<HttpServerRequest> {
  private final Vertx vertx;

  /** A route whose timers run on {@code vertx}. */
  public DripRoute(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void handle(HttpServerRequest req) {
    long every = Math.max(1, Respond.param(req, "every", 100));
    long chunks = Math.max(0, Respond.param(req, "chunks", 50));
    HttpServerResponse resp = req.response().setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, Respond.HTML_UTF8)
        .putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY); // gzip would hold the drops back
    resp.write("<!doctype html>\n<html><head><title>Drip</title></head><body><h1>Drip</h1>\n");
    long timer = vertx.setPeriodic(every, new Handler<>() {
      private long sent;

      @Override
      public void handle(Long id) {
        if (sent++ < chunks) {
          resp.write(Buffer.buffer("<p class=\"drop\">" + sent + "</p>\n"));
        } else {
          vertx.cancelTimer(id);
          resp.end("</body></html>\n");
        }
      }
    });
    resp.closeHandler(v -> vertx.cancelTimer(timer));
  }
}
