package dev.scraper.app;

import dev.scraper.cluster.RunClaims;
import dev.scraper.config.Defaults;
import dev.scraper.config.JobSpec;
import dev.scraper.config.OutputSpec;
import dev.scraper.engine.Engine;
import dev.scraper.engine.Run;
import dev.scraper.history.RunHistory;
import dev.scraper.job.JobResult;
import dev.scraper.job.RunIds;
import dev.scraper.schedule.SlotLog;
import dev.scraper.schedule.Trigger;
import dev.scraper.sink.JsonLinesSink;
import dev.scraper.sink.KeptRunSink;
import dev.scraper.sink.NullSink;
import dev.scraper.sink.RunFiles;
import dev.scraper.sink.Sink;
import dev.scraper.sink.StdoutSink;
import dev.scraper.sink.TerminalReporter;
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
  private final Vertx vertx;
  private final Engine engine;
  private final List<JobSpec> jobs;
  private final Streams io;
  /** Where each job keeps the slot it last fired (for the catch-up after a restart), or null: kept nowhere. */
  private final Path dataDir;
  private final TerminalReporter reporter;
  /** Job name to its output kept open across runs (a fixed path, or stdout). */
  private final Map<String, Sink> kept = new LinkedHashMap<>();
  private final Set<Future<JobResult>> running = new LinkedHashSet<>();
  /** The spec each job runs with now (a reload may change it), its armed trigger, and its run under way. */
  private final Map<String, JobSpec> specs = new LinkedHashMap<>();
  private final Map<String, Trigger> armed = new LinkedHashMap<>();
  private final Map<String, Future<JobResult>> byJob = new java.util.HashMap<>();
  /** With a dataDir: each job's change state, kept open across its runs ({@code <dataDir>/<job>/changes.db}). */
  private final ChangeFiles changes;
  /** Where each run's summary goes: {@code <dataDir>/<job>/runs.jsonl} with a dataDir (nobody reads them here). */
  private final RunHistory history;
  private boolean stopping;
  /** Which slots (and runs once) are this node's in a cluster: all of them without one. */
  private RunClaims claims = RunClaims.NONE;

  ScheduledJobs(Vertx vertx, Engine engine, List<JobSpec> jobs, Streams io, Path dataDir) {
    this.vertx = vertx;
    this.engine = engine;
    this.jobs = List.copyOf(jobs);
    jobs.forEach(j -> specs.put(j.name(), j));
    this.io = io;
    this.dataDir = dataDir;
    this.reporter = new TerminalReporter(vertx, io.human(), io.colours(), false, true);
    this.changes = new ChangeFiles(vertx, dataDir, reporter::problem);
    this.history = RunHistory.writeOnly(vertx, dataDir, Defaults.SUMMARIES_KEPT, reporter::problem);
  }

  /** In a cluster, runs only the slots (and the jobs a reload adds without a schedule) this node claims. */
  ScheduledJobs claiming(RunClaims claims) {
    this.claims = claims;
    return this;
  }

  /**
   * Locks and opens the outputs kept for the life of the process, all or nothing, keeping what they hold; fails
   * (nothing fetched) as a one-shot run's outputs do. With a dataDir each job's change state is opened too (a file
   * that cannot be is said, and the job keeps it in memory).
   */
  Future<Void> open() {
    return changes.open(jobs.stream().map(JobSpec::name).toList())
        .compose(x -> KeptOutputs.open(vertx, io, jobs)).map(sinks -> {
          kept.putAll(sinks);
          return (Void) null;
        }).onFailure(e -> changes.closeAll());
  }

  /**
   * Arms every job's trigger; says on the terminal when each job runs. With a dataDir, a job whose slot came while
   * the process was down (the slot after the one it last fired) runs once now.
   */
  void start() {
    for (JobSpec job : jobs) {
      arm(job);
    }
  }

  private void arm(JobSpec job) {
    SlotLog log = dataDir == null ? null : new SlotLog(vertx, dataDir.resolve(job.name()));
    Trigger.Fire slots = claims.slots(job.name(), job.schedule(), firing -> fire(specs.getOrDefault(job.name(),
        job), firing), reporter::problem); // a reload's change applies at the next run
    Trigger trigger = new Trigger(vertx, job.schedule(), firing -> {
      if (stopping || engine.stopping()) { // a slot during the shutdown's grace: not fired, not kept
        return Future.succeededFuture();
      }
      if (log != null) {
        log.write(firing.slot()).onFailure(e -> reporter.problem("scraper: job " + job.name()
            + ": cannot keep the slot it fired under dataDir: " + e.getMessage()));
      }
      return slots.fire(firing); // the slot is kept even when another node of a cluster runs it
    });
    armed.put(job.name(), trigger);
    (log == null ? Future.succeededFuture((Instant) null) : log.read()).onComplete(ar -> {
      Instant missed = stopping || armed.get(job.name()) != trigger ? null : trigger.start(ar.result());
      if (missed != null) {
        reporter.line("scraper: job " + job.name() + " missed its slot at " + missed + " while the process was down;"
            + " it runs once now" + (claims.clustered() ? " (on one node, unless the cluster ran the newest)" : ""));
      }
      reporter.line("scraper: job " + job.name() + " runs " + job.schedule().describe() + "; next slot "
          + (trigger.nextSlot() == null ? "never (the schedule has no slot left)" : "at " + trigger.nextSlot()));
    });
  }

  /** Opens (locks) the outputs that the runs of {@code specs} would keep, all or nothing; job name to its output. */
  Future<Map<String, Sink>> openKept(List<JobSpec> specs) {
    return KeptOutputs.open(vertx, io, specs);
  }

  /** The spec a job runs with now, or null when the job is not taken on here. */
  JobSpec spec(String name) {
    return specs.get(name);
  }

  /**
   * Takes the job (with the output {@code output} opened for it, or null) on, or on again with another spec: its
   * next run uses it; its schedule is armed again when it differs (none: it fires no more); a job new here without
   * a schedule runs once now. An output it no longer uses is closed when its run under way (if any) has ended.
   */
  void take(JobSpec job, Sink output) {
    JobSpec was = specs.put(job.name(), job);
    if (output != null || was != null && !job.output().path().equals(was.output().path())) {
      retire(kept.remove(job.name()), job.name());
      if (output != null) {
        kept.put(job.name(), output);
      }
    }
    if (was != null && java.util.Objects.equals(was.schedule(), job.schedule())) {
      return;
    }
    Trigger old = armed.remove(job.name());
    if (old != null) {
      old.stop();
    }
    if (job.schedule() != null || was == null) { // a new job's change state is opened before its first run
      changes.open(List.of(job.name())).onComplete(x -> {
        if (specs.get(job.name()) != job) {
          return; // dropped or changed again meanwhile
        }
        if (job.schedule() != null) {
          arm(job);
        } else { // once per cluster start: a node that did not claim it leaves it
          claims.once(job.name()).onSuccess(mine -> {
            if (mine && specs.get(job.name()) == job) {
              fire(job, null);
            }
          }).onFailure(e -> reporter.problem("scraper: job " + job.name() + ": not run: " + e.getMessage()));
        }
      });
    }
  }

  /** The job is no longer run here: its schedule stops; a run under way goes on to its end, then its output closes. */
  void drop(String name) {
    specs.remove(name);
    Trigger old = armed.remove(name);
    if (old != null) {
      old.stop();
    }
    retire(kept.remove(name), name);
    Future<JobResult> run = byJob.get(name);
    changes.closeAfter(name, run == null ? Future.succeededFuture() : run, () -> specs.containsKey(name));
  }

  private void retire(Sink output, String job) {
    if (output != null && !(output instanceof StdoutSink) && !(output instanceof NullSink)) {
      Future<JobResult> run = byJob.get(job);
      (run == null ? Future.succeededFuture() : run).onComplete(x -> output.close());
    }
  }

  /** Fires nothing more; completes when the runs under way have ended and every kept output is closed. */
  Future<Void> stop() {
    stopping = true;
    armed.values().forEach(Trigger::stop); // a trigger a reload replaced or dropped was stopped then
    return Future.join(new ArrayList<>(running))
        .transform(x -> Future.join(kept.values().stream().map(Sink::close).toList()))
        .transform(x -> changes.closeAll())
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
    ScheduledRunWatch listener = new ScheduledRunWatch(reporter);
    Run run;
    try {
      run = engine.submit(job, runId, sink, listener, changes.of(job.name()));
    } catch (IllegalStateException e) { // the engine is stopping: the slot came during the shutdown
      return sink.close().recover(x -> Future.succeededFuture());
    }
    Future<JobResult> done = run.done();
    running.add(done);
    byJob.put(job.name(), done);
    if (job.output().perRun()) {
      new RunFiles(job.output().path(), OutputSpec.RUN, job.output().keepRuns()).prune(vertx)
          .onFailure(e -> reporter.problem("scraper: job " + job.name() + ": cannot delete old run files: " + e));
    }
    return done.onComplete(ar -> {
      running.remove(done);
      byJob.remove(job.name(), done);
      listener.ended(run, job, runId, ar.result(), firing, sink.written(), history);
    });
  }
}
