package dev.scraper.testing.hostile;

import io.vertx.core.buffer.Buffer;

/**
 * {@code /huge-declared}: {@code Content-Length: 2147483648} (2 GiB, one more than {@code Integer.MAX_VALUE}), then
 * zeros as fast as the client reads them (back-pressure honoured), until the client closes, the 2 GiB are written
 * or 60 s passed.
 */
public final class HugeDeclaredRoute implements HostileRoute {
  /** The declared body length. */
  public static final long DECLARED = 2L * 1024 * 1024 * 1024;
  private static final Buffer ZEROS = Buffer.buffer(new byte[64 * 1024]);

  @Override
  public void handle(Exchange ex) {
    ex.write(Http.head(200, "OK", "Content-Type: " + Http.HTML_UTF8, "Content-Length: " + DECLARED,
        "Connection: close"));
    ex.stream(DECLARED, HostileServer.ROUTE_MAX_MS, () -> ZEROS).onSuccess(v -> ex.end());
  }
}
