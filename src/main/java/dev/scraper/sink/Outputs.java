package dev.scraper.sink;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens a run's outputs all or nothing: for each output in turn, creates its directory, locks it
 * ({@link OutputLock}) and opens it without truncating; only when every output is open and locked are they all
 * truncated. If one cannot be opened or locked, what was taken is given back and every file keeps its content.
 * Blocking work runs on worker threads; call from the event loop the sinks will be used on.
 */
public final class Outputs {

  private Outputs() {
  }

  /** Opens one {@link JsonLinesSink} per path, all or nothing (see the class comment). */
  public static Future<List<JsonLinesSink>> open(Vertx vertx, List<Path> paths) {
    List<JsonLinesSink> sinks = new ArrayList<>();
    for (Path p : paths) {
      sinks.add(new JsonLinesSink(vertx, p));
    }
    return openAll(vertx, sinks).map(v -> sinks);
  }

  /**
   * Opens the given sinks (not opened yet), all or nothing. Fails with an {@link IOException} whose message is
   * one sentence naming the output: {@code output '/abs/out.jsonl' is locked by another run (pid 12345 on host
   * myhost since ...); wait for it to end or give this job another output.path}, or {@code cannot open output
   * '/abs/out.jsonl': <reason>}.
   */
  public static Future<Void> openAll(Vertx vertx, List<JsonLinesSink> sinks) {
    return openAll(vertx, sinks, false);
  }

  /**
   * As {@link #openAll(Vertx, List)}; with {@code append}, every file keeps what it holds and the records go after
   * it (the runs of a scheduled job, one after another), once a partial last line (left by a process killed
   * half-way through a write) is cut off.
   */
  public static Future<Void> openAll(Vertx vertx, List<JsonLinesSink> sinks, boolean append) {
    if (sinks.isEmpty()) { // every output is stdout: nothing to lock or open
      return Future.succeededFuture();
    }
    List<Taken> taken = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (JsonLinesSink sink : sinks) {
      chain = chain.compose(v -> take(vertx, sink.path()).map(t -> {
        taken.add(t);
        return null;
      }));
    }
    return chain
        .compose(v -> vertx.executeBlocking(() -> append ? AppendEnd.ofAll(paths(taken)) : truncateAll(taken), false))
        .transform(ar -> {
          if (ar.failed()) {
            return giveBack(vertx, taken).transform(x -> Future.<Void>failedFuture(ar.cause()));
          }
          for (int i = 0; i < taken.size(); i++) {
            Taken t = taken.get(i);
            long end = ar.result()[i];
            if (end > 0) {
              t.file.setWritePos(end);
            }
            sinks.get(i).opened(t.file, t.lock, end >= 0);
          }
          return Future.<Void>succeededFuture();
        });
  }

  private record Taken(Path path, OutputLock lock, AsyncFile file) {
  }

  /** Directory, lock, then the file opened for writing as it is; on failure the lock is given back. */
  private static Future<Taken> take(Vertx vertx, Path path) {
    Path out = path.toAbsolutePath().normalize();
    return vertx.executeBlocking(() -> {
      Path dir = out.getParent();
      if (dir != null) {
        try {
          Files.createDirectories(dir);
        } catch (IOException | RuntimeException e) {
          throw new IOException("cannot open output '" + out + "': " + reason(e), e);
        }
      }
      return OutputLock.acquire(out);
    }, false).compose(lock -> vertx.fileSystem()
        .open(out.toString(), new OpenOptions().setRead(false).setWrite(true).setCreate(true))
        .transform(ar -> {
          if (ar.succeeded()) {
            return Future.succeededFuture(new Taken(out, lock, ar.result()));
          }
          IOException e = new IOException("cannot open output '" + out + "': " + reason(ar.cause()), ar.cause());
          return release(vertx, lock).transform(x -> Future.<Taken>failedFuture(e));
        }));
  }

  /**
   * Empties every output (blocking). A FileChannel truncates only what is longer than asked, so a device such as
   * /dev/null is left alone where RandomAccessFile.setLength would fail. Each output's descriptor here is its own;
   * closing it drops no lock, as the locks are on the lock files.
   *
   * @return for each output, 0 for a regular file, -1 for anything else (only regular files are synced at close)
   */
  private static long[] truncateAll(List<Taken> taken) throws IOException {
    long[] regular = new long[taken.size()];
    for (int i = 0; i < taken.size(); i++) {
      Path out = taken.get(i).path;
      try (FileChannel channel = FileChannel.open(out, StandardOpenOption.WRITE)) {
        channel.truncate(0);
      } catch (IOException | RuntimeException e) {
        throw new IOException("cannot open output '" + out + "': " + reason(e), e);
      }
      regular[i] = Files.isRegularFile(out) ? 0 : -1;
    }
    return regular;
  }

  private static List<Path> paths(List<Taken> taken) {
    return taken.stream().map(Taken::path).toList();
  }

  /** Closes every file and releases every lock taken; always succeeds. */
  private static Future<Void> giveBack(Vertx vertx, List<Taken> taken) {
    List<Future<Void>> all = new ArrayList<>();
    for (Taken t : taken) {
      all.add(t.file.close().transform(ar -> release(vertx, t.lock)));
    }
    return Future.join(all).transform(ar -> Future.succeededFuture());
  }

  /** Releases a lock on a worker thread; always succeeds. */
  static Future<Void> release(Vertx vertx, OutputLock lock) {
    return vertx.<Void>executeBlocking(() -> {
      lock.release();
      return null;
    }, false).transform(ar -> Future.succeededFuture());
  }

  /**
   * The operating system's reason for a failed file operation, as a short phrase ("No space left on device",
   * "permission denied"), without exception class names.
   */
  static String reason(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t
        && (t instanceof io.vertx.core.file.FileSystemException || t instanceof java.util.concurrent.CompletionException
        || !(t instanceof IOException))) {
      t = t.getCause();
    }
    if (t instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (t instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (t instanceof FileAlreadyExistsException f) {
      return "'" + f.getFile() + "' is in the way: it exists and is not a directory";
    }
    if (t instanceof NotDirectoryException f) {
      return "'" + f.getFile() + "' is not a directory";
    }
    if (t instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }
}
