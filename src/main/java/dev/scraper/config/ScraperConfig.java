package dev.scraper.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A validated config: everything a run needs, with defaults applied.
 *
 * @param jobs the jobs, in config order, names unique
 * @param outputDir the directory every output path stays inside (absolute, normalised)
 * @param quiet print only the summary
 * @param memoryBudgetBytes the engine's budget for bodies and parses in memory
 * @param dataDir where each job keeps its state between runs (absolute), or null: nothing on disk, nothing resumes
 * @param fresh start every job over even when its saved state could resume
 * @param http the management API, or null when it is off
 * @param shutdownGraceMs on SIGTERM/SIGINT, how long requests in flight may finish before the rest is cancelled
 * @param jsonLog log lines (all but records) as JSON objects ({@code "logFormat": "json"})
 */
public record ScraperConfig(List<JobSpec> jobs, Path outputDir, boolean quiet, long memoryBudgetBytes, Path dataDir,
                            boolean fresh, HttpSpec http, long shutdownGraceMs, boolean jsonLog) {
  public ScraperConfig {
    jobs = List.copyOf(jobs);
  }

  /** A config with text logs. */
  public ScraperConfig(List<JobSpec> jobs, Path outputDir, boolean quiet, long memoryBudgetBytes, Path dataDir,
                       boolean fresh, HttpSpec http, long shutdownGraceMs) {
    this(jobs, outputDir, quiet, memoryBudgetBytes, dataDir, fresh, http, shutdownGraceMs, false);
  }

  /** A config with the default shutdown grace ({@link Defaults#SHUTDOWN_GRACE_MS}). */
  public ScraperConfig(List<JobSpec> jobs, Path outputDir, boolean quiet, long memoryBudgetBytes, Path dataDir,
                       boolean fresh, HttpSpec http) {
    this(jobs, outputDir, quiet, memoryBudgetBytes, dataDir, fresh, http, Defaults.SHUTDOWN_GRACE_MS);
  }

  /** A config without state on disk or the management API. */
  public ScraperConfig(List<JobSpec> jobs, Path outputDir, boolean quiet, long memoryBudgetBytes) {
    this(jobs, outputDir, quiet, memoryBudgetBytes, null, false, null);
  }

  /** The same config with these jobs only. */
  public ScraperConfig withJobs(List<JobSpec> only) {
    return new ScraperConfig(only, outputDir, quiet, memoryBudgetBytes, dataDir, fresh, http, shutdownGraceMs,
        jsonLog);
  }
}
