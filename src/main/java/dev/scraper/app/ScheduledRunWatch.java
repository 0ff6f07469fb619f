package dev.scraper.app;

import dev.scraper.config.JobSpec;
import dev.scraper.engine.Run;
import dev.scraper.engine.RunListener;
import dev.scraper.history.RunHistory;
import dev.scraper.history.RunSummary;
import dev.scraper.job.JobResult;
import dev.scraper.schedule.Trigger;
import dev.scraper.history.SummaryBuilder;
import dev.scraper.record.Record;
import dev.scraper.metrics.RunStats;
import dev.scraper.sink.TerminalReporter;
import java.time.Instant;

/**
 * What a scheduled run tells as it goes: a line per URL only when asked ({@code -Dscraper.verbose=true}), its
 * problems, whether maxRunMs ended it, and its line when it ended; it collects the run's summary. Event-loop owned.
 */
final class ScheduledRunWatch implements RunListener {
  /** {@code -Dscraper.verbose=true}: a line per URL too. */
  private static final boolean VERBOSE = Boolean.getBoolean("scraper.verbose");
  private final TerminalReporter reporter;
  private final SummaryBuilder summary = new SummaryBuilder();
  private final Instant startedAt = Instant.now();
  private boolean overTime;

  ScheduledRunWatch(TerminalReporter reporter) {
    this.reporter = reporter;
  }

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
    overTime = true;
  }

  /** Why the run ended early, for its line ("stopped by shutdown", "ended by maxRunMs"), or null. */
  String end(Run run) {
    return run.stopped() ? "stopped by shutdown" : overTime ? "ended by maxRunMs" : null;
  }

  /**
   * Says that the run ended: its line (with the slots skipped while it went; {@code firing} null: a job a reload
   * added, run once), a failure to write; adds its summary to {@code history}.
   */
  void ended(Run run, JobSpec job, String runId, JobResult r, Trigger.Firing firing, long written,
             RunHistory history) {
    String end = end(run);
    String output = job.output().toStdout() ? "stdout" : (job.output().perRun()
        ? job.output().pathOf(runId) : job.output().path()).toString();
    int skipped = firing == null ? 0 : firing.skipped();
    reporter.line(RunLine.of(job.name(), runId, r.stats(), skipped, end, output, written),
        RunLine.fields(job.name(), runId, r.stats(), skipped, end, output, written));
    history.add(summary(run, job.name(), job.output().toStdout() ? "-" : output, r.stats()));
    if (r.outputFailure() != null) {
      reporter.problem("scraper: " + r.outputFailure().getMessage());
    }
  }

  /** The ended run's summary. */
  RunSummary summary(Run run, String job, String output, RunStats stats) {
    return summary.build(run.id(), job, startedAt, Instant.now(), run.stopped() ? SummaryBuilder.STOPPED
        : overTime ? SummaryBuilder.MAX_RUN_MS : SummaryBuilder.DONE, output, stats, run.total());
  }
}
