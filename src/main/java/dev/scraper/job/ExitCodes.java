package dev.scraper.job;

import java.util.List;

/** The process exit codes of the user contract. */
public final class ExitCodes {
  /** Every URL fetched and extracted. */
  public static final int OK = 0;
  /** Some URLs have an error record (or the URL list, or a sitemap, could not be read to its end). */
  public static final int SOME_FAILED = 1;
  /** The config is invalid; nothing was fetched. */
  public static final int BAD_CONFIG = 2;
  /** The run could not write its output. */
  public static final int OUTPUT_FAILED = 3;

  private ExitCodes() {
  }

  /** The exit code of a run made of these job results. */
  public static int of(List<JobResult> results) {
    int code = OK;
    for (JobResult r : results) {
      if (r.outputFailure() != null) {
        return OUTPUT_FAILED;
      }
      if (r.stats().failed() > 0 || r.sourceFailure() != null || r.stats().sitemaps().failedCount() > 0) {
        code = SOME_FAILED;
      }
    }
    return code;
  }
}
