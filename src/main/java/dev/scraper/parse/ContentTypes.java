package dev.scraper.parse;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.Charset;
import java.util.Locale;

/** Reading a Content-Type header and the first bytes of a body: is it HTML, and which charset does the header name. Pure. */
public final class ContentTypes {
  private ContentTypes() {
  }

  /** The charset named by the header if this JVM knows it, else null (the parser then looks at BOM and meta). */
  public static String charset(String contentType) {
    if (contentType == null) {
      return null;
    }
    for (String part : contentType.split(";")) {
      String p = part.strip();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) {
        String name = p.substring(8).strip().replace("\"", "").replace("'", "");
        try {
          return name.isEmpty() || !Charset.isSupported(name) ? null : name;
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }

  /**
   * Whether a body should be parsed as HTML: the media type is HTML/XHTML/XML or absent, and the first bytes do
   * not carry the signature of a binary format (an image served as text/html is not HTML).
   */
  public static boolean isHtml(String contentType, Buffer body) {
    return isHtml(contentType, body == null ? null : body.getBytes());
  }

  /** As {@link #isHtml(String, Buffer)}, on decoded bytes. */
  public static boolean isHtml(String contentType, byte[] body) {
    if (contentType != null) {
      String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      boolean markup = media.isEmpty() || media.equals("text/html") || media.equals("application/xhtml+xml")
          || media.equals("text/xml") || media.equals("application/xml") || media.equals("text/plain");
      if (!markup) {
        return false;
      }
    }
    return !looksBinary(body);
  }

  /** Describes why {@link #isHtml} said no, for the record's message. */
  public static String notHtmlReason(String contentType, Buffer body) {
    return notHtmlReason(contentType, body == null ? null : body.getBytes());
  }

  /** As {@link #notHtmlReason(String, Buffer)}, on decoded bytes. */
  public static String notHtmlReason(String contentType, byte[] body) {
    if (looksBinary(body)) {
      return "body is binary (" + (contentType == null ? "no Content-Type" : contentType) + "), not parsed";
    }
    return "Content-Type " + contentType + " is not HTML, not parsed";
  }

  private static boolean looksBinary(byte[] body) {
    if (body == null || body.length == 0) {
      return false;
    }
    int n = Math.min(body.length, 512);
    if (startsWith(body, 0xFF, 0xFE) || startsWith(body, 0xFE, 0xFF)) {
      return false; // UTF-16 (or UTF-32LE) byte order mark: text
    }
    if (n >= 4 && body[0] == 0 && body[1] == 0 && (body[2] & 0xff) == 0xFE) {
      return false; // UTF-32BE BOM
    }
    if (startsWith(body, 0x89, 'P', 'N', 'G') || startsWith(body, 'G', 'I', 'F', '8') || startsWith(body, 0xFF, 0xD8, 0xFF)
        || startsWith(body, '%', 'P', 'D', 'F') || startsWith(body, 'P', 'K', 3, 4) || startsWith(body, 0x1F, 0x8B)
        || startsWith(body, 'R', 'I', 'F', 'F') || startsWith(body, 0, 0, 1, 0)) {
      return true;
    }
    int zeros = 0;
    for (int i = 0; i < n; i++) {
      if (body[i] == 0) {
        zeros++;
      }
    }
    return zeros > 0 && !(zeros * 3 >= n); // stray NULs are binary; every other byte NUL is UTF-16 without a BOM
  }

  private static boolean startsWith(byte[] b, int... sig) {
    if (b.length < sig.length) {
      return false;
    }
    for (int i = 0; i < sig.length; i++) {
      if ((b[i] & 0xff) != (sig[i] & 0xff)) {
        return false;
      }
    }
    return true;
  }
}
