package dev.scraper.testing.hostile;

/** {@code /short-body}: {@code Content-Length: 5000} but only 100 bytes of HTML, then close. */
public final class ShortBodyRoute implements HostileRoute {
  /** The declared body length. */
  public static final int DECLARED = 5000;
  /** The bytes actually sent. */
  public static final int SENT = 100;

  @Override
  public void handle(Exchange ex) {
    StringBuilder body = new StringBuilder("<!doctype html><html><head><title>short</title></head><body>");
    while (body.length() < SENT) {
      body.append("<p>short</p>");
    }
    body.setLength(SENT);
    ex.write(Http.head(200, "OK", "Content-Type: " + Http.HTML_UTF8, "Content-Length: " + DECLARED,
        "Connection: close"));
    ex.write(body.toString());
    ex.end();
  }
}
