package dev.scraper.history;

import dev.scraper.config.Defaults;
import dev.scraper.metrics.RunStats;
import dev.scraper.record.Record;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a run's {@link RunSummary} from its records as they come, in bounded memory: status counts, latencies per
 * host ({@link HostLatencies}) and, while the run has at most {@code maxUrls} records, each URL's status and latency
 * (beyond that the list is dropped, and the summary says {@code "perUrl": null}). The counters of the run (URLs, ok,
 * errors, changes, bytes, overall latency, URLs per node) come from its {@link RunStats}. Event-loop owned.
 */
public final class SummaryBuilder {
  /** How a run ended. */
  public static final String DONE = "done";
  public static final String STOPPED = "stopped";
  public static final String MAX_RUN_MS = "maxRunMs";
  public static final String CANCELLED = "cancelled";
  private final int maxUrls;
  /** The node that owns the run: the URLs no other node was named for count to it; null when not known. */
  private final String owner;
  private final HostLatencies hosts;
  private final Map<Integer, Long> codes = new TreeMap<>();
  private final long[] classes = new long[6];
  private long noStatus;
  private JsonArray perUrl = new JsonArray();

  /** A builder with the sizes of {@link Defaults}, for a run whose owning node is not known. */
  public SummaryBuilder() {
    this(null);
  }

  /** A builder with the sizes of {@link Defaults}, for a run of the node named {@code owner}. */
  public SummaryBuilder(String owner) {
    this(owner, Defaults.SUMMARY_URLS, Defaults.SUMMARY_HOSTS, Defaults.SUMMARY_HOSTS_TRACKED);
  }

  SummaryBuilder(String owner, int maxUrls, int listedHosts, int trackedHosts) {
    this.owner = owner;
    this.maxUrls = maxUrls;
    this.hosts = new HostLatencies(listedHosts, trackedHosts);
  }

  /** Takes one record of the run. */
  public void add(Record r) {
    Integer status = r.status();
    if (status == null) {
      noStatus++;
    } else {
      codes.merge(status, 1L, Long::sum);
      if (status >= 100 && status < 600) {
        classes[status / 100]++;
      }
    }
    // the latency of a URL fetched means something (as in RunStats); every URL's status is counted for its host
    hosts.record(HostLatencies.hostOf(r.finalUrl() != null ? r.finalUrl() : r.url()), status,
        r.attempts() > 0 ? Math.max(0, r.latencyMs()) : -1);
    if (perUrl != null) {
      if (perUrl.size() >= maxUrls) {
        perUrl = null;
      } else {
        perUrl.add(new JsonObject().put("url", r.url()).put("status", status)
            .put("latencyMs", r.attempts() > 0 ? r.latencyMs() : null).put("error", r.errorType()));
      }
    }
  }

  /**
   * The summary of the ended run.
   *
   * @param ended how it ended: {@link #DONE}, {@link #STOPPED}, {@link #MAX_RUN_MS} or {@link #CANCELLED}
   * @param output the file its records went to, or "-" (stdout)
   * @param total URLs its source held, or -1 when unknown
   */
  public RunSummary build(String runId, String job, Instant startedAt, Instant endedAt, String ended, String output,
                          RunStats s, long total) {
    JsonObject statuses = new JsonObject();
    for (int c = 1; c < classes.length; c++) {
      statuses.put(c + "xx", classes[c]);
    }
    statuses.put("none", noStatus);
    JsonObject byCode = new JsonObject();
    codes.forEach((code, n) -> byCode.put(String.valueOf(code), n));
    String state = ended.equals(MAX_RUN_MS) ? DONE : ended;
    JsonObject json = new JsonObject().put("id", runId).put("job", job).put("state", state).put("ended", ended)
        .put("startedAt", startedAt.toString()).put("endedAt", endedAt.toString())
        .put("durationMs", Duration.between(startedAt, endedAt).toMillis()).put("output", output)
        .put("urls", s.done()).put("total", total < 0 ? null : total).put("ok", s.ok())
        .put("errors", new JsonObject(Map.copyOf(s.errors()))).put("duplicates", s.duplicates())
        .put("changed", s.changed()).put("unchanged", s.unchanged()).put("notModified", s.notModified())
        .put("bytes", s.bytes()).put("elapsedSeconds", round(s.elapsedSeconds()))
        .put("pagesPerSecond", round(s.rate())).put("nodes", new JsonObject(new LinkedHashMap<>(s.nodes(owner))))
        .put("latencyMs", new JsonObject().put("count", s.latency().count()).put("p50", s.latency().percentile(0.5))
            .put("p90", s.latency().percentile(0.9)).put("p95", s.latency().percentile(0.95))
            .put("p99", s.latency().percentile(0.99)).put("max", s.latency().max()))
        .put("statuses", statuses).put("statusCodes", byCode).put("hosts", hosts.toJson())
        .put("perUrl", perUrl);
    return RunSummary.of(json);
  }

  private static double round(double d) {
    return Math.round(d * 100) / 100.0;
  }
}
