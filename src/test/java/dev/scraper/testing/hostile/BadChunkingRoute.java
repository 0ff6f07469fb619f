package dev.scraper.testing.hostile;

/**
 * {@code /bad-chunking}: {@code Transfer-Encoding: chunked}, one valid chunk of HTML, then the chunk-size line
 * {@code zz\r\n} (not hexadecimal), some bytes and a last chunk, then close.
 */
public final class BadChunkingRoute implements HostileRoute {
  /** The valid first chunk's data. */
  public static final String FIRST = "<!doctype html><html><body><p>";

  @Override
  public void handle(Exchange ex) {
    ex.write(Http.head(200, "OK", "Content-Type: " + Http.HTML_UTF8, "Transfer-Encoding: chunked",
        "Connection: close"));
    ex.write(Integer.toHexString(FIRST.length()) + "\r\n" + FIRST + "\r\n" + "zz\r\nbroken</p>\r\n0\r\n\r\n");
    ex.end();
  }
}
