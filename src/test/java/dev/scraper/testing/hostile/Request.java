package dev.scraper.testing.hostile;

import io.vertx.core.MultiMap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A parsed HTTP/1.x request head.
 *
 * @param method the method, as sent
 * @param target the request target, as sent
 * @param path the path the server dispatches on: the target without query string (absolute-form reduced to its
 *     path)
 * @param query the raw query string without {@code ?}, or {@code ""}
 * @param params the decoded query parameters
 * @param headers the request headers, names case-insensitive
 * @param version the protocol token, e.g. {@code HTTP/1.1}
 */
public record Request(String method, String target, String path, String query, MultiMap params, MultiMap headers,
                      String version) {
  /**
   * Parses {@code head} (request line and header lines, without the final empty line, ISO-8859-1), or returns null
   * when it is not a plausible HTTP/1.x request head.
   */
  static Request parse(String head) {
    String[] lines = head.split("\r?\n", -1);
    String[] parts = lines[0].split(" ", -1);
    if (parts.length != 3 || parts[0].isEmpty() || !parts[2].startsWith("HTTP/1.") || parts[1].isEmpty()) {
      return null;
    }
    String target = parts[1];
    String pathAndQuery = target;
    if (!target.startsWith("/")) {
      int scheme = target.indexOf("://");
      if (scheme < 0) {
        return null;
      }
      int slash = target.indexOf('/', scheme + 3);
      pathAndQuery = slash < 0 ? "/" : target.substring(slash);
    }
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
    MultiMap params = MultiMap.caseInsensitiveMultiMap();
    for (String pair : query.split("&")) {
      if (!pair.isEmpty()) {
        int eq = pair.indexOf('=');
        params.add(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        return null;
      }
      headers.add(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
    }
    return new Request(parts[0], target, path, query, params, headers, parts[2]);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** The query parameter {@code name}, or {@code fallback} when absent. */
  public String param(String name, String fallback) {
    String value = params.get(name);
    return value == null ? fallback : value;
  }

  /** The integer query parameter {@code name}, or {@code fallback} when absent or not a number. */
  public long param(String name, long fallback) {
    try {
      String value = params.get(name);
      return value == null ? fallback : Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** Whether the client allows the connection to stay open after the answer. */
  public boolean keepAliveAllowed() {
    String connection = headers.get("connection");
    if ("HTTP/1.0".equals(version)) {
      return connection != null && connection.toLowerCase().contains("keep-alive");
    }
    return connection == null || !connection.toLowerCase().contains("close");
  }
}
