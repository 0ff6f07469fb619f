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
 * total. A named pipe works too, and so does standard input ({@link #stdin}): their lines are handed over as they
 * come, and they are not counted.
 */
public final class FileSource implements UrlSource {
  private final Vertx vertx;
  private final Path file;
  /** What a line's place is named after: the file's name, or "stdin". */
  private final String name;
  private final java.util.concurrent.Callable<java.io.InputStream> open;
  private BufferedReader reader;
  private long lineNo;
  private volatile long total = -1;
  private boolean exhausted;

  public FileSource(Vertx vertx, Path file) {
    this(vertx, file, String.valueOf(file.getFileName()), () -> Files.newInputStream(file));
  }

  private FileSource(Vertx vertx, Path file, String name, java.util.concurrent.Callable<java.io.InputStream> open) {
    this.vertx = vertx;
    this.file = file;
    this.name = name;
    this.open = open;
    // only for the progress line: if counting fails, the total stays unknown and reading reports the error. A pipe
    // or a device is not counted: a second reader would take lines from the first.
    if (file != null && Files.isRegularFile(file)) {
      vertx.executeBlocking(this::count, false).onSuccess(n -> total = n);
    }
  }

  /**
   * The process's standard input as a URL list ({@code "urlsFile": "-"}). It is read by one worker thread at a
   * time and never closed here (closing it would not wake a read under way).
   */
  public static FileSource stdin(Vertx vertx) {
    java.io.InputStream in = new java.io.FilterInputStream(System.in) {
      @Override
      public void close() {
        // standard input stays open: the JVM owns it
      }
    };
    return new FileSource(vertx, null, "stdin", () -> in);
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
      reader = new BufferedReader(new java.io.InputStreamReader(openStream(), utf8()));
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
      batch.add(SourceEntry.of(url, name + ":" + lineNo)); // parsed here, off the event loop
    }
    if (batch.isEmpty()) {
      reader.close();
    }
    return batch;
  }

  private java.io.InputStream openStream() throws IOException {
    try {
      return open.call();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
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
    if (r == null || file == null) { // stdin is not closed: a read under way would hold the close until it returns
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      r.close();
      return null;
    }, false);
  }
}
