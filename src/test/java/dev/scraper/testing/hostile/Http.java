package dev.scraper.testing.hostile;

/** Small builders for the bytes the routes write by hand. */
public final class Http {
  /** Content-Type of the UTF-8 HTML the routes send when they do not play with charsets. */
  public static final String HTML_UTF8 = "text/html; charset=utf-8";

  private Http() {
  }

  /**
   * A full response head: {@code HTTP/1.1 status reason}, each of {@code headers} (already {@code Name: value}),
   * then the empty line.
   */
  public static String head(int status, String reason, String... headers) {
    StringBuilder sb = new StringBuilder(64 + 32 * headers.length);
    sb.append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
    for (String header : headers) {
      sb.append(header).append("\r\n");
    }
    return sb.append("\r\n").toString();
  }

  /** A minimal UTF-8 HTML document whose title and {@code <h1>} both hold {@code text}. */
  public static String page(String text) {
    return page(text, "<h1>" + text + "</h1>");
  }

  /** A minimal UTF-8 HTML document titled {@code title} with {@code body} as is. */
  public static String page(String title, String body) {
    return "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>" + title + "</title></head>\n<body>\n"
        + body + "\n</body></html>\n";
  }
}
