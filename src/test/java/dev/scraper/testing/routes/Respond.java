package dev.scraper.testing.routes;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/** Small helpers the routes share to write HTML answers. */
public final class Respond {
  /** The Content-Type of every UTF-8 HTML answer. */
  public static final String HTML_UTF8 = "text/html; charset=utf-8";

  private Respond() {
  }

  /** A minimal UTF-8 HTML document with {@code title} in the head and {@code body} as is. */
  public static String page(String title, String body) {
    return "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>" + title + "</title></head>\n<body>\n"
        + body + "\n</body></html>\n";
  }

  /** Answers {@code status} with {@code html} as UTF-8. */
  public static void html(HttpServerRequest req, int status, String html) {
    req.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, HTML_UTF8).end(Buffer.buffer(html));
  }

  /** Answers 404 with a small page naming the path. */
  public static void notFound(HttpServerRequest req) {
    html(req, 404, page("Not found", "<h1>Not found</h1><p>" + req.path() + "</p>"));
  }

  /** The integer query parameter {@code name}, or {@code fallback} when absent or not a number. */
  public static long param(HttpServerRequest req, String name, long fallback) {
    String value = req.getParam(name);
    try {
      return value == null ? fallback : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** The number after {@code prefix} and before {@code suffix} in the path, or -1 when there is none. */
  public static int number(HttpServerRequest req, String prefix, String suffix) {
    String path = req.path();
    if (!path.startsWith(prefix) || !path.endsWith(suffix) || path.length() < prefix.length() + suffix.length()) {
      return -1;
    }
    String digits = path.substring(prefix.length(), path.length() - suffix.length());
    return digits.matches("\\d{1,6}") ? Integer.parseInt(digits) : -1;
  }
}
