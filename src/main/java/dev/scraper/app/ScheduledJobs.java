package dev.scraper.app;

import dev.scraper.config.Defaults;
import dev.scraper.config.JobSpec;
import dev.scraper.config.OutputSpec;
import dev.scraper.engine.Engine;
import dev.scraper.engine.Run;
import dev.scraper.engine.RunListener;
import dev.scraper.history.RunHistory;
import dev.scraper.history.SummaryBuilder;
import dev.scraper.job.JobResult;
import dev.scraper.job.RunIds;
import dev.scraper.record.Record;
import dev.scraper.schedule.SlotLog;
import dev.scraper.schedule.Trigger;
import dev.scraper.sink.JsonLinesSink;
import dev.scraper.sink.KeptRunSink;
import dev.scraper.sink.NullSink;
import dev.scraper.sink.Outputs;
import dev.scraper.sink.RunFiles;
import dev.scraper.sink.Sink;
import dev.scraper.sink.StdoutSink;
import dev.scraper.sink.TerminalReporter;
import dev.scraper.state.ChangeFile;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The jobs that have a schedule, for the life of the process: each fires its runs on the engine through a {@link
 * Trigger} of its own (one timer for its next slot), never two runs of a job at once. An output with a fixed path is
 * opened (locked, kept as it is) at start and every run appends to it, synced at the end of each run; with {@code
 * {run}} in its file name each run writes a file of its own, and only the newest {@code keepRuns} are kept. Each run
 * prints one line when it ends. {@link #stop()} fires nothing more, waits for the runs under way (the engine's stop
 * cancels them) and closes the outputs. Event-loop owned: everything runs on the engine's context.
 */
final class ScheduledJobs {
  /** {@code -Dscraper.verbose=true}: a line per URL too. */
  private static final boolean VERBOSE = Boolean.getBoolean("scraper.verbose");
  private final Vertx vertx;
  private final Engine engine;
  private final List<JobSpec> jobs;
  private final Streams io;
  /** Where each job keeps the slot it last fired (for the catch-up after a restart), or null: kept nowhere. */
  private final Path dataDir;
  private final TerminalReporter reporter;
  /** Job name to its output kept open across runs (a fixed path, or stdout). */
  private final Map<String, Sink> kept = new LinkedHashMap<>();
  private final List<Trigger> triggers = new ArrayList<>();
  private final Set<Future<JobResult>> running = new LinkedHashSet<>();
  /** With a dataDir: each job's change state, kept open across its runs ({@code <dataDir>/<job>/changes.db}). */
  private final Map<String, ChangeFile> changes = new LinkedHashMap<>();
  /** Where each run's summary goes: {@code <dataDir>/<job>/runs.jsonl} with a dataDir (nobody reads them here). */
  private final RunHistory history;
  private boolean stopping;

  ScheduledJobs(Vertx vertx, Engine engine, List<JobSpec> jobs, Streams io, Path dataDir) {
    this.vertx = vertx;
    this.engine = engine;
    this.jobs = List.copyOf(jobs);
    this.io = io;
    this.dataDir = dataDir;
    this.reporter = new TerminalReporter(vertx, io.human(), io.colours(), false, true);
    this.history = RunHistory.writeOnly(vertx, dataDir, Defaults.SUMMARIES_KEPT, reporter::problem);
  }

  /**
   * Locks and opens the outputs kept for the life of the process, all or nothing, keeping what they hold; fails
   * (nothing fetched) as a one-shot run's outputs do. With a dataDir each job's change state is opened too (a file
   * that cannot be is said, and the job keeps it in memory).
   */
  Future<Void> open() {
    List<Future<?>> opening = new ArrayList<>();
    for (JobSpec job : jobs) {
      if (dataDir != null) {
        opening.add(ChangeFile.open(vertx, dataDir, job.name(), reporter::problem)
            .onSuccess(c -> changes.put(job.name(), c)).onFailure(e -> reporter.problem("scraper: job " + job.name()
                + ": cannot open its change state under dataDir (kept in memory): " + e.getMessage())));
      }
    }
    List<JsonLinesSink> files = new ArrayList<>();
    for (JobSpec job : jobs) {
      OutputSpec out = job.output();
      if (out.toStdout()) {
        kept.put(job.name(), io.discard() ? new NullSink() : new StdoutSink(vertx));
      } else if (!out.perRun()) {
        JsonLinesSink file = new JsonLinesSink(vertx, out.path());
        files.add(file);
        kept.put(job.name(), file);
      }
    }
    return Future.join(opening).transform(x -> Outputs.openAll(vertx, files, true))
        .onFailure(e -> changes.values().forEach(ChangeFile::close));
  }

  /**
   * Arms every job's trigger; says on the terminal when each job runs. With a dataDir, a job whose slot came while
   * the process was down (the slot after the one it last fired) runs once now.
   */
  void start() {
    for (JobSpec job : jobs) {
      SlotLog log = dataDir == null ? null : new SlotLog(vertx, dataDir.resolve(job.name()));
      Trigger trigger = new Trigger(vertx, job.schedule(), firing -> {
        if (log != null) {
          log.write(firing.slot()).onFailure(e -> reporter.problem("scraper: job " + job.name()
              + ": cannot keep the slot it fired under dataDir: " + e.getMessage()));
        }
        return fire(job, firing);
      });
      triggers.add(trigger);
      (log == null ? Future.succeededFuture((Instant) null) : log.read()).onComplete(ar -> {
        Instant missed = stopping ? null : trigger.start(ar.result());
        if (missed != null) {
          reporter.line("scraper: job " + job.name() + " missed its slot at " + missed
              + " while the process was down; it runs once now");
        }
        reporter.line("scraper: job " + job.name() + " runs " + job.schedule().describe() + "; next slot "
            + (trigger.nextSlot() == null ? "never (the schedule has no slot left)" : "at " + trigger.nextSlot()));
      });
    }
  }

  /** Fires nothing more; completes when the runs under way have ended and every kept output is closed. */
  Future<Void> stop() {
    stopping = true;
    triggers.forEach(Trigger::stop);
    return Future.join(new ArrayList<>(running))
        .transform(x -> Future.join(kept.values().stream().map(Sink::close).toList()))
        .transform(x -> Future.join(changes.values().stream().map(ChangeFile::close).toList()))
        .transform(x -> history.settled())
        .transform(x -> reporter.close());
  }

  private Future<?> fire(JobSpec job, Trigger.Firing firing) {
    if (stopping) {
      return Future.succeededFuture();
    }
    String runId = RunIds.next();
    OutputSpec out = job.output();
    Future<Sink> sink;
    if (out.perRun()) {
      JsonLinesSink file = new JsonLinesSink(vertx, out.pathOf(runId));
      sink = file.open().map(v -> (Sink) file);
    } else {
      sink = Future.succeededFuture(new KeptRunSink(kept.get(job.name())));
    }
    return sink.compose(s -> start(job, runId, s, firing), e -> {
      reporter.problem("scraper: job " + job.name() + " (run " + runId + "): not run: " + e.getMessage());
      return Future.succeededFuture();
    });
  }

  private Future<?> start(JobSpec job, String runId, Sink sink, Trigger.Firing firing) {
    boolean[] overTime = new boolean[1];
    SummaryBuilder summary = new SummaryBuilder();
    Instant startedAt = Instant.now();
    RunListener listener = new RunListener() {
      @Override
      public void record(Record record) {
        summary.add(record);
        if (VERBOSE) { // else a line per run, not per URL
          reporter.url(record);
        }
      }

      @Override
      public void problem(String message) {
        reporter.problem(message);
      }

      @Override
      public void overTime(String message) {
        overTime[0] = true;
      }
    };
    Run run;
    try {
      run = engine.submit(job, runId, sink, listener, changes.get(job.name()));
    } catch (IllegalStateException e) { // the engine is stopping: the slot came during the shutdown
      return sink.close().recover(x -> Future.succeededFuture());
    }
    Future<JobResult> done = run.done();
    running.add(done);
    if (job.output().perRun()) {
      new RunFiles(job.output().path(), OutputSpec.RUN, job.output().keepRuns()).prune(vertx)
          .onFailure(e -> reporter.problem("scraper: job " + job.name() + ": cannot delete old run files: " + e));
    }
    return done.onComplete(ar -> {
      running.remove(done);
      JobResult r = ar.result();
      String end = run.stopped() ? "stopped by shutdown" : overTime[0] ? "ended by maxRunMs" : null;
      String output = job.output().toStdout() ? "stdout" : (job.output().perRun()
          ? job.output().pathOf(runId) : job.output().path()).toString();
      reporter.line(RunLine.of(job.name(), runId, r.stats(), firing.skipped(), end, output, sink.written()));
      history.add(summary.build(runId, job.name(), startedAt, Instant.now(), run.stopped() ? SummaryBuilder.STOPPED
          : overTime[0] ? SummaryBuilder.MAX_RUN_MS : SummaryBuilder.DONE, job.output().toStdout() ? "-" : output,
          r.stats(), run.total()));
      if (r.outputFailure() != null) {
        reporter.problem("scraper: " + r.outputFailure().getMessage());
      }
    });
  }
}
