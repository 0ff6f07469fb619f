package dev.scraper.testing.hostile;

/**
 * {@code /slow-headers}: {@code HTTP/1.1 200 OK\r\n}, then one byte of a header that never ends every 500 ms
 * (bounded at 60 s, then the connection is closed). The gaps are shorter than an idle timeout of 1 s, so only a
 * whole-request deadline stops it.
 */
public final class SlowHeadersRoute implements HostileRoute {
  /** Gap between two header bytes. */
  public static final long GAP_MS = 500;
  private static final String HEADER = "X-Slow: ";

  @Override
  public void handle(Exchange ex) {
    ex.write("HTTP/1.1 200 OK\r\n");
    ex.every(GAP_MS, HostileServer.ROUTE_MAX_MS / GAP_MS,
            i -> ex.write(i < HEADER.length() ? HEADER.substring((int) i, (int) i + 1) : "a"))
        .onSuccess(v -> ex.end());
  }
}
