package dev.scraper.frontier;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@code urlsFile}: one URL a line, blank lines and {@code #} comments skipped. Read as a stream on a worker
 * thread, one batch at a time; a second worker pass counts the lines of a regular file so progress can show a
 * total. A named pipe works too: its lines are handed over as they come.
 */
public final class FileSource implements UrlSource {
  private final Vertx vertx;
  private final Path file;
  private BufferedReader reader;
  private long lineNo;
  private volatile long total = -1;
  private boolean exhausted;

  public FileSource(Vertx vertx, Path file) {
    this.vertx = vertx;
    this.file = file;
    // only for the progress line: if counting fails, the total stays unknown and reading reports the error. A pipe
    // or a device is not counted: a second reader would take lines from the first.
    if (Files.isRegularFile(file)) {
      vertx.executeBlocking(this::count, false).onSuccess(n -> total = n);
    }
  }

  @Override
  public Future<List<SourceEntry>> next(int max) {
    if (exhausted) {
      return Future.succeededFuture(List.of());
    }
    return vertx.executeBlocking(() -> readBatch(max), false).onSuccess(batch -> {
      if (batch.isEmpty()) {
        exhausted = true;
      }
    });
  }

  private List<SourceEntry> readBatch(int max) throws IOException {
    if (reader == null) {
      reader = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), utf8()));
    }
    List<SourceEntry> batch = new ArrayList<>(Math.min(max, 64));
    String line;
    // A batch ends when full, at the end of the file, or when the lines read so far are all there is for now (a
    // pipe whose writer is slow): those are handed over at once, and a read blocks only while it holds no line.
    while (batch.size() < max && (batch.isEmpty() || reader.ready()) && (line = reader.readLine()) != null) {
      lineNo++;
      String url = (lineNo == 1 ? withoutBom(line) : line).strip();
      if (url.isEmpty() || url.startsWith("#")) {
        continue;
      }
      batch.add(SourceEntry.of(url, file.getFileName() + ":" + lineNo)); // parsed here, off the event loop
    }
    if (batch.isEmpty()) {
      reader.close();
    }
    return batch;
  }

  /** UTF-8 where a malformed byte becomes U+FFFD: one bad line gets its own record, the rest of the file is read. */
  private static java.nio.charset.CharsetDecoder utf8() {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
  }

  /** A UTF-8 byte order mark (as some editors write) is not part of the first line. */
  private static String withoutBom(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  private long count() throws IOException {
    try (Stream<String> lines = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), utf8()))
        .lines()) {
      return lines.map(FileSource::withoutBom).map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
    }
  }

  @Override
  public long total() {
    return total;
  }

  @Override
  public Future<Void> close() {
    BufferedReader r = reader;
    if (r == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      r.close();
      return null;
    }, false);
  }
}
