package dev.scraper.testing.routes;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.Base64;

/**
 * The bytes of a valid 1x1 PNG under a chosen Content-Type: {@code /png} uses {@code image/png},
 * {@code /png-as-html} lies with {@code text/html}.
 */
public final class PngRoute implements Handler<HttpServerRequest> {
  /** The PNG's bytes, signature first. */
  public static final byte[] PNG = Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

  private final String contentType;

  /** A route that serves the PNG as {@code contentType}. */
  public PngRoute(String contentType) {
    this.contentType = contentType;
  }

  @Override
  public void handle(HttpServerRequest req) {
    req.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(Buffer.buffer(PNG));
  }
}
