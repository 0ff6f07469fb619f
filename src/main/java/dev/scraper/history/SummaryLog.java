package dev.scraper.history;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's run summaries on disk, {@code <dataDir>/<job>/runs.jsonl}: one JSON line per run, appended and synced when
 * the run ends. When the file holds more than twice {@code keep} lines it is rewritten with the last {@code keep} (to
 * a temporary file that then replaces it, so a kill leaves one or the other). A torn last line (a process killed
 * mid-append) is cut off when the file is read, and any line that is not a summary is skipped: never fatal. All the
 * I/O runs off the event loop, one operation after the other. Event-loop owned.
 */
public final class SummaryLog {
  static final String FILE = "runs.jsonl";
  private final Vertx vertx;
  private final Path file;
  private final int keep;
  /** Lines in the file, or -1 until counted (on the worker). */
  private int lines = -1;
  private Future<?> last = Future.succeededFuture();

  /** @param dir the job's directory under dataDir (made when first written) */
  public SummaryLog(Vertx vertx, Path dir, int keep) {
    this.vertx = vertx;
    this.file = dir.resolve(FILE);
    this.keep = keep;
  }

  /** The last {@code keep} summaries kept, oldest first; fails only when the file exists and cannot be read. */
  public Future<List<RunSummary>> read() {
    Future<List<RunSummary>> read = last.transform(x -> vertx.executeBlocking(this::readNow, false));
    last = read;
    return read;
  }

  /** Appends {@code summary}; completes once it is on the disk. */
  public Future<Void> append(RunSummary summary) {
    Future<Void> written = last.transform(x -> vertx.executeBlocking(() -> {
      appendNow(summary);
      return null;
    }, false));
    last = written;
    return written;
  }

  /** Completes when everything asked so far is done (never fails). */
  public Future<Void> settled() {
    return last.<Void>mapEmpty().otherwiseEmpty();
  }

  /** Blocking. */
  List<RunSummary> readNow() throws IOException {
    if (!Files.exists(file)) {
      lines = 0;
      return List.of();
    }
    byte[] bytes = Files.readAllBytes(file);
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--;
    }
    if (end < bytes.length) { // torn last line: cut off, so that the next append starts a line of its own
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(end);
        ch.force(true);
      }
    }
    List<RunSummary> all = new ArrayList<>();
    int count = 0;
    for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      count++;
      RunSummary s = RunSummary.parse(line);
      if (s != null) {
        all.add(s);
      }
    }
    lines = count;
    List<RunSummary> kept = List.copyOf(all.subList(Math.max(0, all.size() - keep), all.size()));
    if (lines > 2 * keep) {
      rewrite(kept);
    }
    return kept;
  }

  /** Blocking. */
  void appendNow(RunSummary summary) throws IOException {
    if (lines < 0) {
      readNow();
    }
    Files.createDirectories(file.getParent());
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      ByteBuffer b = ByteBuffer.wrap((summary.line() + "\n").getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(false);
    }
    lines++;
    if (lines > 2 * keep) {
      readNow(); // rewrites the file with the last keep
    }
  }

  private void rewrite(List<RunSummary> kept) throws IOException {
    Path tmp = file.resolveSibling(FILE + ".tmp");
    StringBuilder text = new StringBuilder();
    kept.forEach(s -> text.append(s.line()).append('\n'));
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(false);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    lines = kept.size();
  }
}
