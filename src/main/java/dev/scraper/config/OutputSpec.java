package dev.scraper.config;

import java.nio.file.Path;

/**
 * Where a job's records go.
 *
 * @param path absolute, normalised path inside the config's output directory, or {@link #STDOUT}
 * @param format "jsonl"
 * @param onlyChanged write only records whose fields changed since the last run
 * @param keepRuns when the path's file name holds {@link #RUN}: how many per-run files are kept (the newest)
 */
public record OutputSpec(Path path, String format, boolean onlyChanged, int keepRuns) {
  /** {@code "path": "-"}: the records go to the process's standard output. */
  public static final Path STDOUT = Path.of("-");
  /** In the file name of {@code path}: replaced by the run id, giving one file per run. */
  public static final String RUN = "{run}";

  public OutputSpec(Path path, String format, boolean onlyChanged) {
    this(path, format, onlyChanged, Defaults.KEEP_RUNS);
  }

  /** Whether each run writes a file of its own ({@link #RUN} in the file name). */
  public boolean perRun() {
    return !toStdout() && path.getFileName().toString().contains(RUN);
  }

  /** The file of run {@code runId}: the path with {@link #RUN} replaced (run ids hold only [0-9TZ-a-f]). */
  public Path pathOf(String runId) {
    if (!runId.matches("[0-9TZa-f-]+")) {
      throw new IllegalArgumentException("not a run id: " + runId);
    }
    return path.resolveSibling(path.getFileName().toString().replace(RUN, runId));
  }

  /** Whether the records go to standard output rather than to a file. */
  public boolean toStdout() {
    return STDOUT.equals(path);
  }
}
