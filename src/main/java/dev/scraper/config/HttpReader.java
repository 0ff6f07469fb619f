package dev.scraper.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;

/** Reads "http": the management API's host, port and token. */
final class HttpReader {
  static final List<String> KEYS = List.of("host", "port", "token");
  private static final String EXAMPLE = "{\"host\": \"127.0.0.1\", \"port\": 8088, \"token\": null}";

  private HttpReader() {
  }

  /** The API's settings, or null when "http" is absent, null or invalid (each problem recorded). */
  static HttpSpec read(JsonObject root, Path workDir, Problems problems) {
    Object value = root.getValue("http");
    if (value == null) {
      return null;
    }
    JsonObject json = Values.object(value, "http", EXAMPLE, problems);
    if (json == null) {
      return null;
    }
    int before = problems.size();
    String host = Defaults.HTTP_HOST;
    long port = Defaults.HTTP_PORT;
    String token = null;
    for (String key : json.fieldNames()) {
      String path = Values.child("http", key);
      Object v = json.getValue(key);
      switch (key) {
        case "host" -> host = Values.nonBlank(v, path, Defaults.HTTP_HOST, problems);
        case "port" -> {
          Long p = Values.integer(v, 0, 65_535, path, problems);
          port = p == null ? port : p;
        }
        case "token" -> token = v == null ? null : token(v, path, problems);
        default -> Keys.unknown("http", key, KEYS, problems);
      }
    }
    if (problems.size() != before) {
      return null;
    }
    JsonObject base = root.copy();
    base.remove("jobs");
    base.remove("http");
    return new HttpSpec(host, (int) port, token, base, workDir);
  }

  /**
   * A token short enough to be guessed is refused rather than warned about: anyone who can reach the port could
   * start and read runs with it.
   */
  private static String token(Object value, String path, Problems problems) {
    String token = Values.string(value, path, problems);
    if (token == null) {
      return null;
    }
    if (token.length() < Defaults.HTTP_TOKEN_MIN_CHARS || token.isBlank()) {
      problems.add(path, "too short (" + token.length() + " characters); give at least "
          + Defaults.HTTP_TOKEN_MIN_CHARS + ", such as the output of: openssl rand -hex 24");
      return null;
    }
    return token;
  }
}
