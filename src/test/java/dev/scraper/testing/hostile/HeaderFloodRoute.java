package dev.scraper.testing.hostile;

/**
 * Heads far above the 8 KB Vert.x clients accept by default, then a small page: {@code /huge-header} sends one
 * header {@code X-Huge} whose value is {@link #HUGE_VALUE_BYTES} bytes, {@code /many-headers} sends
 * {@link #MANY} short headers ({@code X-Header-0000: value-0000}, 27 bytes each with CRLF, about 27 KB).
 */
public final class HeaderFloodRoute implements HostileRoute {
  /** Length of the value of {@code X-Huge}. */
  public static final int HUGE_VALUE_BYTES = 100 * 1024;
  /** Number of extra headers of {@code /many-headers}. */
  public static final int MANY = 1000;

  private final String extraHeaders;

  private HeaderFloodRoute(String extraHeaders) {
    this.extraHeaders = extraHeaders;
  }

  /** {@code /huge-header}. */
  public static HeaderFloodRoute huge() {
    return new HeaderFloodRoute("X-Huge: " + "a".repeat(HUGE_VALUE_BYTES) + "\r\n");
  }

  /** {@code /many-headers}. */
  public static HeaderFloodRoute many() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < MANY; i++) {
      sb.append(String.format("X-Header-%04d: value-%04d\r\n", i, i));
    }
    return new HeaderFloodRoute(sb.toString());
  }

  @Override
  public void handle(Exchange ex) {
    String body = Http.page("headers");
    ex.write("HTTP/1.1 200 OK\r\nContent-Type: " + Http.HTML_UTF8 + "\r\nContent-Length: " + body.length()
        + "\r\nConnection: close\r\n" + extraHeaders + "\r\n" + body);
    ex.end();
  }
}
