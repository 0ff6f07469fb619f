package dev.scraper.testing.hostile;

/**
 * {@code /bad-status}: the status line {@code HTTP/1.1 OK-ISH} (no status code), then well-formed headers and a
 * small HTML body.
 */
public final class BadStatusRoute implements HostileRoute {
  /** The status line sent, without its CRLF. */
  public static final String STATUS_LINE = "HTTP/1.1 OK-ISH";

  @Override
  public void handle(Exchange ex) {
    String body = "<h1>ok-ish</h1>";
    ex.write(STATUS_LINE + "\r\nContent-Type: " + Http.HTML_UTF8 + "\r\nContent-Length: " + body.length()
        + "\r\nConnection: close\r\n\r\n" + body);
    ex.end();
  }
}
