package dev.scraper.state;

import dev.scraper.config.JobSpec;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a job has an unfinished run saved under a dataDir, without changing anything there: another node of a
 * cluster looks before it takes over a run whose node died ({@link JobState#open} would start a finished one over,
 * truncating its output). Blocking: call off the event loop.
 */
public final class SavedRun {
  private SavedRun() {
  }

  /**
   * @throws StateConflictException when the saved run is of another config (other seeds, rules or output)
   * @throws java.io.IOException when the state cannot be read
   */
  public static boolean unfinished(JobSpec job, Path dataDir) throws java.io.IOException {
    Path file = dataDir.resolve(job.name()).resolve(StateDb.FILE);
    return Files.isRegularFile(file) && StateOpen.unfinished(job, file, Fingerprint.of(job));
  }
}
