package dev.scraper.sink;

import dev.scraper.metrics.LinkStats;
import dev.scraper.metrics.RunStats;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;

/** The closing summary of a run: as lines of text for people, or as the fields of one JSON log line. */
final class SummaryText {
  private static final String RESET = UrlLine.RESET;
  private static final String BOLD = "\u001b[1m";

  private SummaryText() {
  }

  /** The summary of a run as text; {@code written} (or -1) is shown only when the file holds fewer records than the run made. */
  static String of(String job, String runId, RunStats s, String output, long written, boolean tty, long dropped) {
    StringBuilder b = new StringBuilder();
    String head = "== " + job + " (run " + runId + ") ";
    b.append(tty ? BOLD : "").append(head).append("=".repeat(Math.max(3, 60 - head.length())))
        .append(tty ? RESET : "").append('\n');
    b.append(String.format(Locale.ROOT, "URLs      %d", s.done()));
    if (s.duplicates() > 0) {
      b.append(" (").append(s.duplicates()).append(" duplicate").append(s.duplicates() == 1 ? "" : "s")
          .append(" skipped)");
    }
    b.append('\n');
    b.append("ok        ").append(s.ok()).append('\n');
    b.append("changed   ").append(s.changed()).append(", unchanged ").append(s.unchanged()).append(" (")
        .append(s.notModified()).append(" 304s)\n");
    b.append("errors    ").append(s.failed());
    counts(b.append(s.errors().isEmpty() ? "" : ": "), s.errors()).append('\n');
    if (s.sitemaps().used()) {
      b.append("sitemaps  ").append(s.sitemaps().summary()).append('\n');
    }
    if (!s.retries().isEmpty()) {
      long total = s.retries().values().stream().mapToLong(Long::longValue).sum();
      b.append("retries   ").append(total).append(": ");
      counts(b, s.retries()).append('\n');
    }
    LinkStats links = s.links();
    if (links.found() > 0) {
      b.append("links     ").append(links.found()).append(" found: ").append(links.queuedCount()).append(" queued, ")
          .append(links.seenCount()).append(" already seen");
      counts(b.append(links.dropped().isEmpty() ? "" : ", "), links.dropped()).append('\n');
    }
    b.append(String.format(Locale.ROOT, "elapsed   %.2f s (%.1f pages/s)%n", s.elapsedSeconds(), s.rate()));
    b.append(String.format(Locale.ROOT, "latency   p50 %d ms, p95 %d ms, max %d ms%n",
        s.latency().percentile(0.50), s.latency().percentile(0.95), s.latency().max()));
    b.append("bytes     ").append(TerminalReporter.humanBytes(s.bytes())).append('\n');
    if (s.latency().count() >= 2 && s.speedup() >= 1.1) { // a speed-up of one URL, or of URLs in a row, means nothing
      b.append(String.format(Locale.ROOT, "speed-up  %.1fx over fetching one URL after another%n", s.speedup()));
    }
    if (dropped > 0) {
      b.append("(").append(dropped).append(" per-URL lines not shown: the terminal could not keep up)\n");
    }
    b.append(written >= 0 && written != s.done() ? "written   " + written + " of " + s.done() + " records\n" : "");
    b.append("output    ").append(output).append('\n');
    return b.toString();
  }

  /** The summary's fields, for a JSON log line. */
  static JsonObject json(String job, String runId, RunStats s, String output, long written) {
    JsonObject o = new JsonObject().put("job", job).put("run", runId).put("urls", s.done()).put("ok", s.ok())
        .put("failed", s.failed()).put("errors", new JsonObject(new java.util.LinkedHashMap<>(s.errors())))
        .put("changed", s.changed()).put("unchanged", s.unchanged()).put("notModified", s.notModified())
        .put("elapsedMs", Math.round(s.elapsedSeconds() * 1000)).put("pagesPerSecond", s.rate())
        .put("latencyMs", new JsonObject().put("p50", s.latency().percentile(0.50))
            .put("p95", s.latency().percentile(0.95)).put("max", s.latency().max()))
        .put("bytes", s.bytes()).put("output", output);
    if (s.duplicates() > 0) {
      o.put("duplicates", s.duplicates());
    }
    if (!s.retries().isEmpty()) {
      o.put("retries", new JsonObject(new java.util.LinkedHashMap<>(s.retries())));
    }
    if (written >= 0 && written != s.done()) {
      o.put("written", written);
    }
    return o;
  }

  /** "a 1, b 2" into {@code b}. */
  private static StringBuilder counts(StringBuilder b, Map<String, Long> counts) {
    String sep = "";
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      b.append(sep).append(e.getKey()).append(' ').append(e.getValue());
      sep = ", ";
    }
    return b;
  }
}
