package dev.scraper.config;

import java.nio.file.Path;

/**
 * Where a job's records go.
 *
 * @param path absolute, normalised path inside the config's output directory, or {@link #STDOUT}
 * @param format "jsonl"
 * @param onlyChanged write only records whose fields changed since the last run
 */
public record OutputSpec(Path path, String format, boolean onlyChanged) {
  /** {@code "path": "-"}: the records go to the process's standard output. */
  public static final Path STDOUT = Path.of("-");

  /** Whether the records go to standard output rather than to a file. */
  public boolean toStdout() {
    return STDOUT.equals(path);
  }
}
