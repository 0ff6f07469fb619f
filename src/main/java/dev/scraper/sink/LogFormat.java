package dev.scraper.sink;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * How the process logs what is not a record: text for people (the default), or JSON lines for log collectors
 * ({@code "logFormat": "json"} in the config, or {@code -Dscraper.logFormat=json}). A JSON line is one object:
 * {@code {"time": "2026-11-30T12:00:00.123Z", "level": "info", "msg": "...", ...fields}}; {@code level} is {@code
 * info} or {@code warn}. Set once, before the first reporter is made; process-wide, as the streams it governs are.
 */
public final class LogFormat {
  private static volatile boolean json = "json".equalsIgnoreCase(System.getProperty("scraper.logFormat", "text"));

  private LogFormat() {
  }

  /** Whether log lines are JSON. */
  public static boolean json() {
    return json;
  }

  /** Sets the format for the process: JSON lines or text. */
  public static void json(boolean on) {
    json = on;
  }

  /** One JSON log line (with its line end); {@code fields} (may be null) follow time, level and msg. */
  public static String line(String level, String msg, JsonObject fields) {
    JsonObject o = new JsonObject().put("time", Instant.now().toString()).put("level", level).put("msg", msg);
    if (fields != null) {
      for (String k : fields.fieldNames()) {
        if (!o.containsKey(k)) {
          o.put(k, fields.getValue(k));
        }
      }
    }
    return o.encode() + "\n";
  }
}
