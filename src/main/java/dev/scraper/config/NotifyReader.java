package dev.scraper.config;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;

/** Reads a job's {@code notify}: {@code {"webhook": "http://..."}}, where each run's changed records are POSTed. */
final class NotifyReader {
  private static final String EXAMPLE = "{\"webhook\": \"http://127.0.0.1:9000/changes\"}";

  private NotifyReader() {
  }

  /** The webhook's URL, or null (none, or a problem reported). */
  static String webhook(Object value, String path, Problems problems) {
    JsonObject json = Values.object(value, path, EXAMPLE, problems);
    if (json == null) {
      return null;
    }
    String webhook = null;
    for (String key : json.fieldNames()) {
      String keyPath = Values.child(path, key);
      if (!key.equals("webhook")) {
        Keys.unknown(path, key, Keys.NOTIFY, problems);
        continue;
      }
      String given = Values.string(json.getValue(key), keyPath, problems);
      if (given != null && !httpUrl(given)) {
        problems.add(keyPath, "'" + given + "' is not an absolute http or https URL; give one such as "
            + "\"http://127.0.0.1:9000/changes\"");
      } else {
        webhook = given;
      }
    }
    if (!json.containsKey("webhook")) {
      problems.add(Values.child(path, "webhook"), "required; give the URL to POST changed records to, e.g. "
          + EXAMPLE);
    }
    return webhook;
  }

  private static boolean httpUrl(String s) {
    try {
      URI u = new URI(s);
      return ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
          && u.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
