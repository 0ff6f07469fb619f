package dev.scraper.testing.routes;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;

/**
 * {@code /latin1}: ISO-8859-1 bytes of a page titled {@value #TITLE} (also its {@code h1}), served as
 * {@code Content-Type: text/html} with no charset; only {@code <meta charset="iso-8859-1">} tells the encoding.
 */
public final class Latin1Route implements Handler<HttpServerRequest> {
  /** The page's title and h1 text. */
  public static final String TITLE = "Café München ½";

  private static final byte[] BODY = ("<!doctype html>\n<html><head><meta charset=\"iso-8859-1\"><title>" + TITLE
      + "</title></head>\n<body><h1>" + TITLE + "</h1></body></html>\n").getBytes(StandardCharsets.ISO_8859_1);

  @Override
  public void handle(HttpServerRequest req) {
    req.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html").end(Buffer.buffer(BODY));
  }
}
