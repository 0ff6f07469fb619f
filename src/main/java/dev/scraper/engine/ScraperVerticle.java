package dev.scraper.engine;

import dev.scraper.config.JobSpec;
import dev.scraper.config.ScraperConfig;
import dev.scraper.fetch.Fetcher;
import dev.scraper.frontier.ConcatSource;
import dev.scraper.frontier.FileSource;
import dev.scraper.frontier.ListSource;
import dev.scraper.frontier.UrlSource;
import dev.scraper.job.JobResult;
import dev.scraper.job.RunIds;
import dev.scraper.parse.ParseStage;
import dev.scraper.robots.RobotsRules;
import dev.scraper.sink.JsonLinesSink;
import dev.scraper.sink.Outputs;
import dev.scraper.sink.TerminalReporter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The engine: one verticle on one event loop that issues every HTTP request of a run through one WebClient.
 * It wires the stages together (sources, host queues, fetcher, parse stage, sinks, terminal) and runs all jobs
 * at once; {@link #results()} completes when every job is done and every sink is closed.
 */
public final class ScraperVerticle extends VerticleBase {
  private final ScraperConfig config;
  private final PrintStream out;
  private final boolean tty;
  private final Promise<List<JobResult>> results = Promise.promise();
  private final List<JobRunner> runners = new ArrayList<>();
  private final List<JsonLinesSink> sinks = new ArrayList<>();
  private Fetcher fetcher;
  private ParseStage parser;
  private TerminalReporter reporter;
  private boolean stopping;

  /**
   * @param out where per-URL lines and summaries go
   * @param tty colours and a progress line on {@code out}
   */
  public ScraperVerticle(ScraperConfig config, PrintStream out, boolean tty) {
    this.config = config;
    this.out = out;
    this.tty = tty;
  }

  /** Completes with one result per job, in config order, once the run is over; fails only if an output cannot be opened. */
  public Future<List<JobResult>> results() {
    return results.future();
  }

  @Override
  public Future<?> start() {
    int perHostPool = 1;
    for (JobSpec job : config.jobs()) {
      perHostPool += Math.min(job.fetch().perHost(), job.fetch().concurrency());
    }
    fetcher = Fetcher.create(vertx, perHostPool);
    RobotsRules robots = new RobotsRules(vertx, fetcher);
    parser = new ParseStage(vertx, Math.max(2, Runtime.getRuntime().availableProcessors()));
    reporter = new TerminalReporter(vertx, out, tty, config.quiet(), config.jobs().size() > 1);
    for (JobSpec job : config.jobs()) {
      JsonLinesSink sink = new JsonLinesSink(vertx, job.output().path());
      sinks.add(sink);
      runners.add(new JobRunner(vertx, job, RunIds.next(), source(job), fetcher, robots, parser, sink,
          reporter));
    }
    // start() succeeds once every output is locked and open (or fails, leaving every file as it was); the run
    // itself goes on after deployment.
    return Outputs.openAll(vertx, sinks).onSuccess(v -> runAll()).onFailure(e -> results.tryFail(e));
  }

  private UrlSource source(JobSpec job) {
    if (job.urlsFile() == null) {
      return new ListSource(job.urls());
    }
    UrlSource file = new FileSource(vertx, job.urlsFile());
    return job.urls().isEmpty() ? file : new ConcatSource(new ListSource(job.urls()), file);
  }

  private void runAll() {
    reporter.start(this::progress);
    List<Future<JobResult>> jobs = new ArrayList<>();
    for (JobRunner runner : runners) {
      jobs.add(runner.run());
    }
    Future.all(jobs).onComplete(ar -> {
      if (stopping) {
        return; // stop() reports and closes
      }
      List<JobResult> done = new ArrayList<>();
      for (int i = 0; i < runners.size(); i++) {
        JobResult r = jobs.get(i).result();
        done.add(r);
      }
      closeSinks(done).onComplete(closed -> {
        for (int i = 0; i < done.size(); i++) {
          JobResult r = done.get(i);
          reporter.summary(r.job(), r.runId(), r.stats(), config.jobs().get(i).output().path().toString(),
              sinks.get(i).written());
        }
        reporter.close().onComplete(x -> results.tryComplete(done));
      });
    });
  }

  /** Closes every sink; a sink that fails to close marks its job's output as failed. */
  private Future<Void> closeSinks(List<JobResult> done) {
    List<Future<Void>> closing = new ArrayList<>();
    for (int i = 0; i < sinks.size(); i++) {
      int index = i;
      closing.add(sinks.get(i).close().recover(e -> {
        JobResult r = done.get(index);
        if (r.outputFailure() == null) {
          done.set(index, new JobResult(r.job(), r.runId(), r.stats(), e, r.sourceFailure()));
        }
        return Future.succeededFuture();
      }));
    }
    return Future.all(closing).mapEmpty();
  }

  private String progress() {
    long done = 0;
    long total = 0;
    boolean known = true;
    double rate = 0;
    for (JobRunner r : runners) {
      done += r.stats().done() + r.stats().duplicates();
      rate += r.stats().rate();
      long t = r.total();
      if (t < 0) {
        known = false;
      } else {
        total += t;
      }
    }
    if (!known || total == 0) {
      return String.format(Locale.ROOT, "%d done, %.0f pages/s", done, rate);
    }
    long left = Math.max(0, total - done);
    long eta = rate > 0 ? Math.round(left / rate) : -1;
    return String.format(Locale.ROOT, "%d/%d (%d%%), %.0f pages/s, ETA %s", done, total, done * 100 / total, rate,
        eta < 0 ? "?" : eta >= 60 ? (eta / 60) + "m" + (eta % 60) + "s" : eta + "s");
  }

  /**
   * Shutdown (SIGTERM/SIGINT, or undeploy) while jobs still run: every unfinished URL gets a {@code cancelled}
   * record, the summaries are printed, and every sink is flushed and closed.
   */
  @Override
  public Future<?> stop() {
    if (!results.future().isComplete() && !runners.isEmpty()) {
      stopping = true;
      for (int i = 0; i < runners.size(); i++) {
        JobResult r = runners.get(i).cancel();
        reporter.summary(r.job(), r.runId(), r.stats(), config.jobs().get(i).output().path() + " (run stopped)");
      }
      reporter.flushNow();
    }
    List<Future<Void>> closing = new ArrayList<>();
    for (JsonLinesSink s : sinks) {
      closing.add(s.close().recover(e -> Future.succeededFuture()));
    }
    if (parser != null) {
      closing.add(parser.close());
    }
    if (fetcher != null) {
      closing.add(fetcher.close());
    }
    return Future.join(closing);
  }
}
