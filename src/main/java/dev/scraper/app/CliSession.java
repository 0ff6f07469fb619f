package dev.scraper.app;

import dev.scraper.config.JobSpec;
import dev.scraper.config.ScraperConfig;
import dev.scraper.engine.Engine;
import dev.scraper.engine.Run;
import dev.scraper.engine.RunListener;
import dev.scraper.job.JobResult;
import dev.scraper.record.Record;
import dev.scraper.sink.JsonLinesSink;
import dev.scraper.sink.NullSink;
import dev.scraper.sink.Outputs;
import dev.scraper.sink.Sink;
import dev.scraper.sink.StdoutSink;
import dev.scraper.sink.TerminalReporter;
import dev.scraper.state.JobState;
import dev.scraper.state.StoredSink;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One command-line invocation: opens every job's output (a file, or stdout for "-"), runs each job once on the
 * engine, shows the URLs and the summaries where {@link Streams} says, and completes with one result per job (config
 * order) when every run has ended, by itself or because the engine stopped. The summaries are printed once, in one
 * place.
 */
public final class CliSession {
  /** Width of the progress bar, in characters. */
  static final int BAR = 24;
  private final Vertx vertx;
  private final Engine engine;
  private final ScraperConfig config;
  private final Streams io;
  private final List<Run> runs = new ArrayList<>();
  private final Promise<List<JobResult>> results = Promise.promise();

  public CliSession(Vertx vertx, Engine engine, ScraperConfig config, PrintStream out, boolean tty) {
    this(vertx, engine, config, new Streams(out, tty, false, false));
  }

  CliSession(Vertx vertx, Engine engine, ScraperConfig config, Streams io) {
    this.vertx = vertx;
    this.engine = engine;
    this.config = config;
    this.io = io;
  }

  /**
   * Runs every job once; call on the engine's context. Fails (before anything is fetched) only when an output
   * cannot be opened.
   */
  public Future<List<JobResult>> run() {
    List<Sink> sinks = new ArrayList<>();
    List<JsonLinesSink> files = new ArrayList<>();
    List<Future<Sink>> stored = new ArrayList<>();
    for (JobSpec job : config.jobs()) {
      if (job.output().toStdout()) {
        sinks.add(io.discard() ? new NullSink() : new StdoutSink(vertx));
      } else if (keepsState(job)) {
        sinks.add(null); // opened with its state, below
        stored.add(JobState.open(vertx, job, config.dataDir(), config.fresh()).map(state -> resuming(job, state)));
      } else {
        JsonLinesSink file = new JsonLinesSink(vertx, job.output().path());
        files.add(file);
        sinks.add(file);
      }
    }
    // the jobs that keep state open theirs (and lock their outputs) first; then every other output file is locked
    // and opened before any is truncated; on failure every file is left as it was, and every state closed
    Future.join(stored).compose(v -> Outputs.openAll(vertx, files)).onSuccess(v -> {
      for (int i = 0, k = 0; i < sinks.size(); i++) {
        if (sinks.get(i) == null) {
          sinks.set(i, stored.get(k++).result());
        }
      }
      start(sinks);
    }).onFailure(e -> {
      List<Future<Void>> closing = new ArrayList<>();
      stored.stream().filter(Future::succeeded).forEach(f -> closing.add(f.result().close()));
      Throwable cause = stored.stream().filter(Future::failed).map(Future::cause).findFirst().orElse(e);
      Future.join(closing).onComplete(x -> results.tryFail(cause));
    });
    return results.future();
  }

  /** With dataDir, a job writing to a file keeps its state; stdin and stdout cannot be read back, so not those. */
  private boolean keepsState(JobSpec job) {
    return config.dataDir() != null && !job.readsStdin() && !job.output().toStdout();
  }

  private Sink resuming(JobSpec job, JobState state) {
    if (state.resumed()) {
      io.human().println("scraper: job " + job.name() + ": resuming its unfinished run (" + state.pending()
          + " URLs waiting; --fresh starts over)");
    }
    return new StoredSink(state);
  }

  private void start(List<Sink> sinks) {
    boolean quiet = config.quiet();
    TerminalReporter reporter = new TerminalReporter(vertx, io.human(), io.colours(), quiet, config.jobs().size() > 1);
    if (config.jobs().stream().anyMatch(JobSpec::readsStdin) && Terminal.isTerminal(Terminal.STDIN)) {
      reporter.line("scraper: reading URLs from the terminal, one a line; end with Ctrl-D");
    }
    RunListener listener = new RunListener() {
      @Override
      public void record(Record record) {
        reporter.url(record);
        if (io.showFields() && !quiet && record.ok() && record.fields() != null && !record.fields().isEmpty()) {
          reporter.line("      " + record.fields().encode());
        }
      }

      @Override
      public void problem(String message) {
        reporter.problem(message);
      }
    };
    List<Future<JobResult>> ends = new ArrayList<>();
    for (int i = 0; i < sinks.size(); i++) {
      Run run = engine.submit(config.jobs().get(i), sinks.get(i), listener);
      runs.add(run);
      ends.add(run.done());
    }
    reporter.start(this::progress);
    Future.join(ends).onComplete(ar -> {
      List<JobResult> done = new ArrayList<>();
      for (int i = 0; i < runs.size(); i++) {
        JobResult r = ends.get(i).result();
        done.add(r);
        String output = output(config.jobs().get(i));
        reporter.summary(r.job(), r.runId(), r.stats(), runs.get(i).stopped()
            ? output + " (run stopped)" : output, sinks.get(i).written());
      }
      reporter.close().onComplete(x -> results.complete(done));
    });
  }

  private String output(JobSpec job) {
    if (!job.output().toStdout()) {
      return job.output().path().toString();
    }
    return io.discard() ? "none (add -o FILE to keep the records)" : "stdout";
  }

  private String progress() {
    long done = 0;
    long total = 0;
    boolean known = true;
    double rate = 0;
    for (Run r : runs) {
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
    int filled = (int) Math.min(BAR, done * BAR / total);
    return String.format(Locale.ROOT, "[%s%s] %d/%d (%d%%), %.0f pages/s, ETA %s", "#".repeat(filled),
        ".".repeat(BAR - filled), done, total, done * 100 / total, rate,
        eta < 0 ? "?" : eta >= 60 ? (eta / 60) + "m" + (eta % 60) + "s" : eta + "s");
  }
}
