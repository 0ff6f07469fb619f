package dev.scraper.api;

import dev.scraper.config.Defaults;
import dev.scraper.config.JobSpec;
import dev.scraper.job.JobResult;
import dev.scraper.schedule.Trigger;
import dev.scraper.sink.Sink;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A job the process knows (from the config or added through the API): its trigger when it has a schedule, its output
 * kept open across runs (a fixed path, or stdout), the run under way and the last {@link Defaults#HTTP_RUNS_KEPT}
 * finished ones. Event-loop owned.
 */
final class ManagedJob {
  /** The spec its next run uses (a reload may change it). */
  JobSpec spec;
  /** The output every run appends to, or null when each run writes a file of its own (a reload may change it). */
  Sink kept;
  Trigger trigger;
  /** The run under way, or null. */
  RunEntry current;
  /** A run is being started (its file opened). */
  boolean starting;
  boolean removed;
  final Deque<RunEntry> finished = new ArrayDeque<>();

  ManagedJob(JobSpec spec, Sink kept) {
    this.spec = spec;
    this.kept = kept;
  }

  String name() {
    return spec.name();
  }

  boolean busy() {
    return current != null || starting;
  }

  /** Keeps a finished run; returns the one it no longer keeps, or null. */
  RunEntry keep(RunEntry run) {
    finished.addLast(run);
    return finished.size() > Defaults.HTTP_RUNS_KEPT ? finished.removeFirst() : null;
  }

  /** The line said when a run ended: its counts, how it ended when not by itself, a failure to write. */
  static String endLine(String job, RunEntry entry, JobResult r) {
    String state = entry.toJson().getString("state");
    String ended = state.equals("done") ? "" : ", " + state + (state.equals("stopped") ? " by shutdown"
        : " through the API");
    return "scraper: job " + job + " run " + entry.id() + ": " + r.stats().done() + " URLs, " + r.stats().ok()
        + " ok, " + r.stats().failed() + " errors, " + String.format(java.util.Locale.ROOT, "%.1f s",
        r.stats().elapsedSeconds()) + ended + (r.outputFailure() == null ? "" : "; " + r.outputFailure().getMessage());
  }

  JsonObject toJson() {
    RunEntry last = finished.peekLast();
    return new JsonObject().put("name", name())
        .put("schedule", spec.schedule() == null ? null : spec.schedule().describe())
        .put("nextRun", trigger == null || trigger.nextSlot() == null ? null : trigger.nextSlot().toString())
        .put("output", spec.output().toStdout() ? "-" : spec.output().path().toString())
        .put("running", current == null ? null : current.toJson())
        .put("lastRun", last == null ? null : last.toJson())
        .put("runs", RunEntry.ids(finished));
  }
}
