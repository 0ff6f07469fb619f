package dev.scraper.app;

import dev.scraper.metrics.RunStats;
import java.util.Locale;
import java.util.Map;

/**
 * The one line a scheduled run prints when it ends, in place of a line per URL and a summary:
 * {@code books run 20261130T120000Z-1a2b: 120 URLs, 118 ok, 2 errors (timeout 2), 3.21 s, 1 slot skipped}.
 */
final class RunLine {
  private RunLine() {
  }

  /**
   * @param skipped slots that came while this run went on
   * @param end why the run ended early ("stopped by shutdown", "ended by maxRunMs"), or null
   * @param output where the records went
   * @param written records the output holds of this run, or -1; shown only when it differs from the URLs done
   */
  static String of(String job, String runId, RunStats s, int skipped, String end, String output, long written) {
    StringBuilder b = new StringBuilder(job).append(" run ").append(runId).append(": ")
        .append(s.done()).append(s.done() == 1 ? " URL, " : " URLs, ").append(s.ok()).append(" ok, ")
        .append(s.failed()).append(s.failed() == 1 ? " error" : " errors");
    if (!s.errors().isEmpty()) {
      b.append(" (");
      String sep = "";
      for (Map.Entry<String, Long> e : s.errors().entrySet()) {
        b.append(sep).append(e.getKey()).append(' ').append(e.getValue());
        sep = ", ";
      }
      b.append(')');
    }
    b.append(String.format(Locale.ROOT, ", %.2f s", s.elapsedSeconds()));
    if (skipped > 0) {
      b.append(", ").append(skipped).append(skipped == 1 ? " slot" : " slots").append(" skipped (still running)");
    }
    if (end != null) {
      b.append(", ").append(end);
    }
    if (written >= 0 && written != s.done()) {
      b.append(", ").append(written).append(" of ").append(s.done()).append(" records written");
    }
    return b.append(" -> ").append(output).toString();
  }

  /** The same as fields of a JSON log line ({@code "logFormat": "json"}). */
  static io.vertx.core.json.JsonObject fields(String job, String runId, RunStats s, int skipped, String end,
                                              String output, long written) {
    io.vertx.core.json.JsonObject o = new io.vertx.core.json.JsonObject().put("job", job).put("run", runId)
        .put("urls", s.done()).put("ok", s.ok()).put("failed", s.failed())
        .put("errors", new io.vertx.core.json.JsonObject(new java.util.LinkedHashMap<>(s.errors())))
        .put("changed", s.changed()).put("unchanged", s.unchanged()).put("notModified", s.notModified())
        .put("elapsedMs", Math.round(s.elapsedSeconds() * 1000)).put("skipped", skipped).put("output", output);
    if (end != null) {
      o.put("end", end);
    }
    if (written >= 0 && written != s.done()) {
      o.put("written", written);
    }
    return o;
  }
}
