package dev.scraper.testing.hostile;

/**
 * {@code /stall}: valid headers with {@code Content-Length: 1000}, then silence; the server closes the connection
 * after 60 s.
 */
public final class StallRoute implements HostileRoute {
  @Override
  public void handle(Exchange ex) {
    ex.write(Http.head(200, "OK", "Content-Type: " + Http.HTML_UTF8, "Content-Length: 1000", "Connection: close"));
    ex.after(HostileServer.ROUTE_MAX_MS, ex::end);
  }
}
