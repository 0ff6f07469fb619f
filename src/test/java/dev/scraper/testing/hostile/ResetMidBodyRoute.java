package dev.scraper.testing.hostile;

/**
 * {@code /reset-mid-body}: headers with {@code Content-Length: 100000}, 1000 bytes of HTML, then (100 ms after
 * those bytes were flushed, so that they reach the client first) a TCP RST: SO_LINGER 0 set on the Netty channel
 * behind the NetSocket, then close. A raw client reads the head and the 1000 bytes, then its next read fails with
 * {@code java.net.SocketException: Connection reset}; what Vert.x reports is in {@link HostileRoutes}.
 */
public final class ResetMidBodyRoute implements HostileRoute {
  /** The declared body length. */
  public static final int DECLARED = 100_000;
  /** Body bytes sent before the reset. */
  public static final int SENT = 1000;

  @Override
  public void handle(Exchange ex) {
    StringBuilder body = new StringBuilder("<!doctype html><html><head><title>reset</title></head><body>");
    while (body.length() < SENT) {
      body.append("<p>reset soon</p>");
    }
    body.setLength(SENT);
    ex.write(Http.head(200, "OK", "Content-Type: " + Http.HTML_UTF8, "Content-Length: " + DECLARED));
    ex.write(body.toString()).onComplete(written -> ex.after(100, ex::reset));
  }
}
