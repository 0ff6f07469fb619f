package dev.scraper.testing.hostile;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * {@code /endless-chunked}: {@code Transfer-Encoding: chunked} with HTML chunks of 16 KB as fast as the client reads
 * them (back-pressure honoured) until the client closes, 2 GiB were written or 60 s passed; then the last chunk and
 * close.
 */
public final class EndlessChunkedRoute implements HostileRoute {
  private static final Buffer CHUNK = chunk();

  @Override
  public void handle(Exchange ex) {
    ex.write(Http.head(200, "OK", "Content-Type: " + Http.HTML_UTF8, "Transfer-Encoding: chunked",
        "Connection: close"));
    ex.write(frame("<!doctype html><html><head><title>endless</title></head><body>\n"));
    long whole = HostileServer.ROUTE_MAX_BYTES / CHUNK.length() * CHUNK.length(); // never cut a chunk
    ex.stream(whole, HostileServer.ROUTE_MAX_MS, () -> CHUNK)
        .onSuccess(v -> {
          ex.write("0\r\n\r\n");
          ex.end();
        });
  }

  private static Buffer chunk() {
    StringBuilder html = new StringBuilder();
    while (html.length() < 16 * 1024) {
      html.append("<p>and it goes on and on</p>\n");
    }
    return frame(html.toString());
  }

  private static Buffer frame(String html) {
    byte[] data = html.getBytes(StandardCharsets.UTF_8);
    return Buffer.buffer(Integer.toHexString(data.length) + "\r\n").appendBytes(data).appendString("\r\n");
  }
}
