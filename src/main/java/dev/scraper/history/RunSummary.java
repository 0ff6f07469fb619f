package dev.scraper.history;

import io.vertx.core.json.JsonObject;

/**
 * One ended run, as kept: its id, its job, and its summary as one JSON line (the form it has in {@code runs.jsonl};
 * kept encoded, as a few hundred URLs' latencies take far less room so). Immutable.
 *
 * @param id the run id
 * @param job the job's name
 * @param line the summary, a JSON object on one line, without its line break
 * @param briefLine the same without each URL's line ({@link #brief}), made once: a dashboard asks for it every second
 */
public record RunSummary(String id, String job, String line, String briefLine) {
  /** The summary of a JSON object with at least "id" and "job". */
  public static RunSummary of(JsonObject json) {
    return new RunSummary(json.getString("id"), json.getString("job"), json.encode(), briefOf(json));
  }

  private static String briefOf(JsonObject json) {
    JsonObject brief = json.copy();
    brief.remove("perUrl");
    return brief.encode();
  }

  /** Reads one line of runs.jsonl; null when it is not a summary (a torn last line). */
  static RunSummary parse(String line) {
    try {
      JsonObject json = new JsonObject(line);
      String id = json.getString("id");
      String job = json.getString("job");
      return id == null || job == null ? null : new RunSummary(id, job, line, briefOf(json));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The summary as JSON (a new object each time). */
  public JsonObject toJson() {
    return new JsonObject(line);
  }

  /** The summary without each URL's line (for listings of many runs). */
  public JsonObject brief() {
    return new JsonObject(briefLine);
  }
}
