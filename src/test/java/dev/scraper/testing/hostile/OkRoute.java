package dev.scraper.testing.hostile;

/**
 * {@code /ok}: a normal 200 page {@code <h1>ok</h1>} with {@code Content-Length}; the connection stays open for
 * another request unless the client asked for {@code Connection: close} (or spoke HTTP/1.0 without keep-alive).
 */
public final class OkRoute implements HostileRoute {
  /** The page served. */
  public static final String HTML = Http.page("ok");

  @Override
  public void handle(Exchange ex) {
    if (!ex.request().keepAliveAllowed()) {
      ex.respondHtml(200, "OK", HTML);
      return;
    }
    byte[] body = HTML.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ex.write(Http.head(200, "OK", "Content-Type: " + Http.HTML_UTF8, "Content-Length: " + body.length,
        "Connection: keep-alive"));
    ex.write(io.vertx.core.buffer.Buffer.buffer(body));
    ex.keepAlive();
  }
}
