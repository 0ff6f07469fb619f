package dev.scraper.testing.hostile;

/**
 * {@code /slow-body}: valid headers with {@code Content-Length: 100000}, then one body byte every 500 ms (bounded at
 * 60 s, then the connection is closed short of the declared length).
 */
public final class SlowBodyRoute implements HostileRoute {
  /** The declared body length. */
  public static final int DECLARED = 100_000;
  /** Gap between two body bytes. */
  public static final long GAP_MS = 500;
  private static final String PREFIX = "<!doctype html><html><head><title>slow</title></head><body><p>";

  @Override
  public void handle(Exchange ex) {
    ex.write(Http.head(200, "OK", "Content-Type: " + Http.HTML_UTF8, "Content-Length: " + DECLARED,
        "Connection: close"));
    ex.every(GAP_MS, HostileServer.ROUTE_MAX_MS / GAP_MS,
            i -> ex.write(i < PREFIX.length() ? PREFIX.substring((int) i, (int) i + 1) : "x"))
        .onSuccess(v -> ex.end());
  }
}
