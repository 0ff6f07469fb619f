package dev.scraper.api;

import dev.scraper.cluster.RunClaims;
import dev.scraper.config.JobSpec;
import dev.scraper.config.OutputSpec;
import dev.scraper.engine.Engine;
import dev.scraper.engine.Run;
import dev.scraper.job.JobResult;
import dev.scraper.job.RunIds;
import dev.scraper.schedule.Trigger;
import dev.scraper.sink.JsonLinesSink;
import dev.scraper.sink.KeptRunSink;
import dev.scraper.sink.Outputs;
import dev.scraper.sink.RunFiles;
import dev.scraper.sink.Sink;
import dev.scraper.sink.StdoutSink;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The jobs of a process with the management API, for its life: those of the config and those added through the API.
 * Each keeps its output open across runs (or a file per run with {@code {run}}), runs at its slots or when asked,
 * never two runs at once (a slot that comes while a run goes is skipped and counted), and is forgotten on removal
 * (its schedule stops; a run under way goes on to its end). Runs are found by id while they go and for the last few
 * of each job. Event-loop owned.
 */
final class JobBoard {
  private final Vertx vertx;
  private final Engine engine;
  private final ApiMetrics metrics;
  private final Consumer<String> say;
  private final Map<String, ManagedJob> jobs = new LinkedHashMap<>();
  private final Map<String, RunEntry> runs = new LinkedHashMap<>();
  private final List<Future<JobResult>> going = new ArrayList<>();
  /** Names of jobs whose outputs are being opened: taken already. */
  private final java.util.Set<String> adding = new java.util.HashSet<>();
  private boolean stopping;
  /** In a cluster, which slots and runs at start are this node's (a run asked through the API always is). */
  private final RunClaims claims;
  /** Summaries, and with a dataDir the last slots and change state of the jobs. */
  final JobKeeping keep;

  JobBoard(Vertx vertx, Engine engine, ApiMetrics metrics, Consumer<String> say, Path dataDir) {
    this.vertx = vertx;
    this.engine = engine;
    this.metrics = metrics;
    this.say = say;
    this.keep = new JobKeeping(vertx, dataDir, say);
    this.claims = RunClaims.of(vertx);
  }

  java.util.Collection<ManagedJob> jobs() {
    return jobs.values();
  }

  ManagedJob job(String name) {
    ManagedJob job = jobs.get(name);
    if (job == null) {
      throw new ApiError(404, "no job named '" + name + "'; GET /jobs lists them");
    }
    return job;
  }

  RunEntry run(String id) {
    RunEntry run = runs.get(id);
    if (run == null) {
      throw new ApiError(404, "no run '" + id + "' (GET /jobs/{name}/runs lists those kept)");
    }
    return run;
  }

  int active() {
    return (int) jobs.values().stream().filter(j -> j.current != null).count();
  }

  /**
   * Takes jobs on: their outputs are locked and opened first, all or nothing (an output in use fails it), then each
   * schedule is armed; with {@code runOnce} (the config's jobs at start) each job without one runs once, else (jobs
   * added through the API) it waits to be asked.
   */
  Future<Void> add(List<JobSpec> specs, boolean runOnce) {
    for (JobSpec spec : specs) {
      if (jobs.containsKey(spec.name()) || adding.contains(spec.name())) {
        throw new ApiError(409, "a job named '" + spec.name() + "' exists; DELETE /jobs/" + spec.name()
            + " first, or give another name");
      }
      for (ManagedJob other : jobs.values()) {
        if (other.spec.output().path().equals(spec.output().path())) {
          throw new ApiError(409, "output.path: " + spec.output().path() + " is the output of job '"
              + other.name() + "'; give each job its own output file");
        }
      }
    }
    List<JsonLinesSink> files = new ArrayList<>();
    List<ManagedJob> added = new ArrayList<>();
    for (JobSpec spec : specs) {
      OutputSpec out = spec.output();
      Sink kept = null;
      if (out.toStdout()) {
        kept = new StdoutSink(vertx);
      } else if (!out.perRun()) {
        JsonLinesSink file = new JsonLinesSink(vertx, out.path());
        files.add(file);
        kept = file;
      }
      added.add(new ManagedJob(spec, kept));
    }
    specs.forEach(j -> adding.add(j.name()));
    return keep.prepare(specs).compose(x -> Outputs.openAll(vertx, files, true))
        .onComplete(ar -> specs.forEach(j -> adding.remove(j.name())))
        .onSuccess(v -> added.forEach(j -> arm(j, runOnce))).onFailure(e -> specs.stream().map(JobSpec::name)
            .filter(n -> runs.values().stream().noneMatch(r -> r.running() && r.job().name().equals(n))) // a removed
            .forEach(keep::forget)); // job's run still going keeps its change state and summaries
  }

  void arm(ManagedJob job, boolean runOnce) {
    jobs.put(job.name(), job);
    if (job.spec.schedule() == null) {
      if (runOnce) { // once per cluster start: a node that did not claim it leaves it
        claims.once(job.name()).compose(mine -> mine && !job.removed ? start(job, null) : Future.succeededFuture())
            .onFailure(e -> say.accept("scraper: job " + job.name() + ": not run: " + e.getMessage()));
      }
      return;
    }
    Trigger.Fire run = claims.slots(job.name(), job.spec.schedule(), firing -> job.removed ? Future.succeededFuture()
        : start(job, firing).compose(started -> started.done(), e -> {
          say.accept("scraper: job " + job.name() + ": not run: " + e.getMessage());
          return Future.succeededFuture();
        }), say); // the slot is kept even when another node of a cluster runs it
    job.trigger = new Trigger(vertx, job.spec.schedule(), keep.keepingSlots(job.name(), f -> fire(job, f, run)));
    keep.start(job.name(), job.trigger);
    say.accept("scraper: job " + job.name() + " runs " + job.spec.schedule().describe() + "; next slot "
        + (job.trigger.nextSlot() == null ? "never" : "at " + job.trigger.nextSlot()));
  }

  /** Runs the slot through {@code run} (which claims it in a cluster) unless the job is busy here: then skipped. */
  private Future<?> fire(ManagedJob job, Trigger.Firing firing, Trigger.Fire run) {
    if (stopping || engine.stopping() || job.removed) {
      return Future.succeededFuture();
    }
    if (job.busy()) { // a run started through the API still goes
      metrics.skipped(job.name(), 1);
      return Future.succeededFuture();
    }
    return run.fire(firing);
  }

  /** Starts a run of the job now; 409 while one goes. */
  Future<Started> start(ManagedJob job, Trigger.Firing firing) {
    if (stopping || engine.stopping()) {
      return Future.failedFuture(new ApiError(503, "the process is shutting down"));
    }
    if (job.busy()) {
      String id = job.current == null ? "being started" : job.current.id();
      return Future.failedFuture(new ApiError(409, "job '" + job.name() + "' has a run under way (" + id
          + "); wait for its end or DELETE /runs/" + id));
    }
    job.starting = true;
    String id = RunIds.next();
    OutputSpec out = job.spec.output();
    Future<Sink> sink;
    if (out.perRun()) {
      JsonLinesSink file = new JsonLinesSink(vertx, out.pathOf(id));
      sink = file.open().map(v -> (Sink) file);
    } else {
      sink = Future.succeededFuture(new KeptRunSink(job.kept));
    }
    return sink.map(s -> submit(job, id, s, firing)).onComplete(ar -> job.starting = false);
  }

  private Started submit(ManagedJob job, String id, Sink sink, Trigger.Firing firing) {
    OutputSpec out = job.spec.output();
    Path file = out.toStdout() ? null : out.perRun() ? out.pathOf(id) : out.path();
    RunEntry entry = new RunEntry(job.spec, id, file, metrics::record, say, metrics.node());
    Run run = engine.submit(job.spec, id, sink, entry, keep.changes(job.name()));
    entry.started(run);
    job.current = entry;
    runs.put(id, entry);
    Future<JobResult> done = run.done();
    going.add(done);
    if (out.perRun()) {
      new RunFiles(out.path(), OutputSpec.RUN, out.keepRuns()).prune(vertx)
          .onFailure(e -> say.accept("scraper: job " + job.name() + ": cannot delete old run files: " + e));
    }
    done.onSuccess(r -> {
      going.remove(done);
      entry.ended(r);
      keep.ended(entry.summary());
      job.current = null;
      metrics.runEnded(r, firing == null ? 0 : firing.skipped());
      RunEntry forgotten = job.keep(entry);
      if (forgotten != null) {
        runs.remove(forgotten.id());
      }
      say.accept(ManagedJob.endLine(job.name(), entry, r));
      if (job.removed) {
        forget(job);
      }
    });
    return new Started(entry, done);
  }

  /** Stops the job's schedule and forgets it; a run under way goes on to its end (DELETE /runs/{id} cancels it). */
  RunEntry remove(String name) {
    ManagedJob job = job(name);
    jobs.remove(name);
    job.removed = true;
    if (job.trigger != null) {
      job.trigger.stop();
    }
    if (job.current == null) {
      forget(job);
    }
    return job.current;
  }

  private void forget(ManagedJob job) {
    if (!jobs.containsKey(job.name()) && !adding.contains(job.name())) { // one added again under its name keeps it
      keep.forget(job.name());
    }
    job.finished.forEach(r -> runs.remove(r.id()));
    if (job.kept != null && !(job.kept instanceof StdoutSink)) {
      job.kept.close().onFailure(e -> say.accept("scraper: " + e.getMessage()));
    }
  }

  /** Fires nothing more; completes when the runs under way ended (the engine's stop cancels them), outputs closed. */
  Future<Void> stop() {
    stopping = true;
    jobs.values().forEach(j -> {
      if (j.trigger != null) {
        j.trigger.stop();
      }
    });
    return Future.join(new ArrayList<>(going)).transform(x -> Future.join(jobs.values().stream()
        .filter(j -> j.kept != null).map(j -> j.kept.close()).toList())).transform(x -> keep.close());
  }

  /** A run just started, and its end. */
  record Started(RunEntry entry, Future<JobResult> done) {
  }
}
