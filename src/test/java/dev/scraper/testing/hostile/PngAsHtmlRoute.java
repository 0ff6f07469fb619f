package dev.scraper.testing.hostile;

import io.vertx.core.buffer.Buffer;
import java.util.Base64;

/** {@code /png-as-html}: the bytes of a valid 1x1 PNG served as {@code Content-Type: text/html}. */
public final class PngAsHtmlRoute implements HostileRoute {
  /** The PNG's bytes, signature first. */
  public static final byte[] PNG = Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

  @Override
  public void handle(Exchange ex) {
    ex.respond(200, "OK", "text/html", Buffer.buffer(PNG));
  }
}
