package dev.scraper.api;

import dev.scraper.config.Defaults;
import dev.scraper.config.JobSpec;
import dev.scraper.engine.Run;
import dev.scraper.engine.RunListener;
import dev.scraper.history.RunSummary;
import dev.scraper.history.SummaryBuilder;
import dev.scraper.job.JobResult;
import dev.scraper.metrics.RunStats;
import dev.scraper.record.Record;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One run as the API sees it: its progress and summary, the last {@link Defaults#HTTP_RECORDS_REPLAYED} records
 * (for a reader who connects late) and the readers of its records now. Hears the run's records as its listener.
 * Event-loop owned.
 */
final class RunEntry implements RunListener {
  private final JobSpec job;
  private final String id;
  private final Path output;
  private final Instant startedAt = Instant.now();
  private final ArrayDeque<Record> recent = new ArrayDeque<>();
  private final Set<RecordStream> readers = new LinkedHashSet<>();
  private final Consumer<Record> metrics;
  private final Consumer<String> problems;
  /** This node's name: the run's URLs no other node was named for count to it. */
  private final String node;
  private Run run;
  private JobResult result;
  private Instant endedAt;
  private boolean cancelled;
  private boolean overTime;
  /** Builds the summary while the run goes; let go once it is built. */
  private SummaryBuilder summary;
  private RunSummary ended;

  /**
   * @param output the file its records go to, or null for stdout
   * @param node the name of this node, which owns the run: its URLs count to it in the summary's {@code nodes}
   */
  RunEntry(JobSpec job, String id, Path output, Consumer<Record> metrics, Consumer<String> problems, String node) {
    this.summary = new SummaryBuilder(node);
    this.node = node;
    this.job = job;
    this.id = id;
    this.output = output;
    this.metrics = metrics;
    this.problems = problems;
  }

  void started(Run run) {
    this.run = run;
  }

  /** Completes when the run has ended (at once when it never started). */
  Future<?> ended() {
    return run == null ? Future.succeededFuture() : run.done();
  }

  String id() {
    return id;
  }

  JobSpec job() {
    return job;
  }

  /** The file the run's records went to, or null (stdout). */
  Path output() {
    return output;
  }

  boolean running() {
    return result == null;
  }

  /** Cancels the run (its URLs not done get {@code cancelled} records); false when it already ended. */
  boolean cancel() {
    if (result != null || run == null) {
      return false;
    }
    cancelled = true;
    run.cancel("the run was cancelled through the management API before this URL was done");
    return true;
  }

  @Override
  public void record(Record r) {
    metrics.accept(r);
    if (summary != null) {
      summary.add(r);
    }
    recent.addLast(r);
    if (recent.size() > Defaults.HTTP_RECORDS_REPLAYED) {
      recent.removeFirst();
    }
    for (RecordStream reader : new ArrayList<>(readers)) {
      reader.write(r);
    }
  }

  @Override
  public void problem(String message) {
    problems.accept(message);
  }

  @Override
  public void overTime(String message) {
    overTime = true;
    problems.accept(message);
  }

  /** The run's summary, once it ended (else null). */
  RunSummary summary() {
    return ended;
  }

  /** A reader gets the records kept so far, then each one as it comes, and the end of the run. */
  void follow(RecordStream reader) {
    for (Record r : recent) {
      reader.write(r);
    }
    if (result != null) {
      reader.end();
      return;
    }
    readers.add(reader);
    reader.onClose(() -> readers.remove(reader));
  }

  void ended(JobResult r) {
    result = r;
    endedAt = Instant.now();
    this.ended = summary.build(id, job.name(), startedAt, endedAt, cancelled ? SummaryBuilder.CANCELLED
        : run.stopped() ? SummaryBuilder.STOPPED : overTime ? SummaryBuilder.MAX_RUN_MS : SummaryBuilder.DONE,
        output == null ? "-" : output.toString(), r.stats(), run.total());
    summary = null;
    recent.clear(); // a finished run's records are read back from its output
    for (RecordStream reader : new ArrayList<>(readers)) {
      reader.end();
    }
    readers.clear();
  }

  /** Progress while the run goes on, the summary once it ended. */
  JsonObject toJson() {
    RunStats s = result != null ? result.stats() : run != null ? run.stats() : null;
    String state = result == null ? "running" : cancelled ? "cancelled" : run.stopped() ? "stopped" : "done";
    JsonObject json = new JsonObject().put("id", id).put("job", job.name()).put("state", state)
        .put("startedAt", startedAt.toString()).put("endedAt", endedAt == null ? null : endedAt.toString())
        .put("output", output == null ? "-" : output.toString());
    if (s == null) {
      return json;
    }
    json.put("urls", s.done()).put("total", run.total() < 0 ? null : run.total()).put("ok", s.ok())
        .put("errors", new JsonObject(Map.copyOf(s.errors()))).put("duplicates", s.duplicates())
        .put("changed", s.changed()).put("unchanged", s.unchanged()).put("notModified", s.notModified())
        .put("bytes", s.bytes()).put("elapsedSeconds", round(s.elapsedSeconds()))
        .put("pagesPerSecond", round(s.rate())).put("nodes", new JsonObject(new LinkedHashMap<>(s.nodes(node))))
        .put("latencyMs", new JsonObject().put("p50", s.latency().percentile(0.5))
            .put("p95", s.latency().percentile(0.95)).put("max", s.latency().max()));
    if (result != null && result.outputFailure() != null) {
      json.put("outputError", result.outputFailure().getMessage());
    }
    return json;
  }

  private static double round(double d) {
    return Math.round(d * 100) / 100.0;
  }

  /** The ids of these runs, newest last. */
  static List<String> ids(Iterable<RunEntry> runs) {
    List<String> out = new ArrayList<>();
    runs.forEach(r -> out.add(r.id));
    return out;
  }
}
