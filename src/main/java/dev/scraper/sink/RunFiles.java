package dev.scraper.sink;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The per-run files of one job ({@code {run}} in its output's file name, replaced by each run's id) and how many of
 * them are kept: the newest (run ids sort by their start time), the current run's included; older ones are deleted
 * with their lock files, on a worker thread. Only names that the template gives with a real run id match, so no
 * other file of the directory is ever touched.
 */
public final class RunFiles {
  /** A run id as {@code job.RunIds} makes them: {@code 20261123T120000Z-1a2b}. */
  static final String RUN_ID = "\\d{8}T\\d{6}Z-[0-9a-f]{4}";
  private final Path dir;
  private final Pattern name;
  private final int keep;

  /**
   * @param template the output path with {@code placeholder} in its file name
   * @param keep how many files to keep, at least 1
   */
  public RunFiles(Path template, String placeholder, int keep) {
    this.dir = template.toAbsolutePath().normalize().getParent();
    StringBuilder regex = new StringBuilder();
    String[] parts = template.getFileName().toString().split(Pattern.quote(placeholder), -1);
    for (int i = 0; i < parts.length; i++) {
      regex.append(i == 0 ? "" : i == 1 ? "(" + RUN_ID + ")" : "\\1").append(Pattern.quote(parts[i]));
    }
    this.name = Pattern.compile(regex.toString());
    this.keep = Math.max(1, keep);
  }

  /** Deletes the files beyond the newest {@code keep} (and their lock files); completes with how many went. */
  public Future<Integer> prune(Vertx vertx) {
    return vertx.executeBlocking(this::pruneNow, false);
  }

  /** As {@link #prune}, on the calling thread (blocking). */
  int pruneNow() throws IOException {
    List<Path> runs = list();
    int deleted = 0;
    for (int i = 0; i < runs.size() - keep; i++) {
      Path old = runs.get(i);
      if (Files.deleteIfExists(old)) {
        deleted++;
      }
      Files.deleteIfExists(OutputLock.fileOf(old));
    }
    return deleted;
  }

  /** The job's per-run files on disk, oldest first. */
  List<Path> list() throws IOException {
    List<Path> runs = new ArrayList<>();
    if (dir == null || !Files.isDirectory(dir)) {
      return runs;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        if (name.matcher(f.getFileName().toString()).matches() && Files.isRegularFile(f)) {
          runs.add(f);
        }
      }
    }
    runs.sort(null);
    return runs;
  }
}
