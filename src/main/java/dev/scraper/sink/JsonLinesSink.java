package dev.scraper.sink;

import dev.scraper.record.Record;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Records as JSON lines in one file, written through an {@link AsyncFile} in batches: a batch goes out when it
 * reaches {@value #BATCH_BYTES} bytes or at the latest {@value #FLUSH_MS} ms after its first record. It is opened
 * by {@link Outputs} (locked, then truncated, so one file holds one run) and closed by {@link #close()}: written,
 * synced to disk, closed, unlocked. The first write failure is kept ({@link #failure()}); from then on records are
 * dropped, and {@link #written()} tells how many reached the file.
 */
public final class JsonLinesSink implements Sink {
  static final int BATCH_BYTES = 64 * 1024;
  static final long FLUSH_MS = 200;
  private final Vertx vertx;
  private final Path path;
  private AsyncFile file;
  private OutputLock lock;
  private boolean sync;
  private Buffer batch = Buffer.buffer(BATCH_BYTES + 4096);
  private int batchRecords;
  private long written;
  private long flushTimer = -1;
  private Throwable failure;
  /** Writes not yet acknowledged (they may complete out of order: AsyncFile writes run on a worker pool). */
  private int writing;
  private Promise<Void> drained;
  private Future<Void> closed;

  /** A sink for {@code path}, not open yet: open it with {@link #open()} or, with others, {@link Outputs}. */
  public JsonLinesSink(Vertx vertx, Path path) {
    this.vertx = vertx;
    this.path = path.toAbsolutePath().normalize();
  }

  /** The output file (absolute). */
  public Path path() {
    return path;
  }

  /** Opens this sink alone: {@link Outputs#openAll} of this one sink. */
  public Future<Void> open() {
    return Outputs.openAll(vertx, List.of(this));
  }

  /** Called by {@link Outputs} once the file is open, locked and truncated. */
  void opened(AsyncFile file, OutputLock lock, boolean sync) {
    if (closed != null) { // closed while it was being opened (a shutdown during start): give it all back
      file.close().onComplete(ar -> Outputs.release(vertx, lock));
      return;
    }
    this.file = file;
    this.lock = lock;
    this.sync = sync;
    // Records only: the failure surfaces through failure(), flush() and close(), never as a logged exception.
    file.exceptionHandler(this::failed);
  }

  @Override
  public void write(Record record, Buffer line) {
    if (failure != null || closed != null) {
      return;
    }
    if (line != null) {
      batch.appendBuffer(line);
    } else {
      batch.appendBuffer(record.toJson().toBuffer()).appendByte((byte) '\n');
    }
    batchRecords++;
    if (batch.length() >= BATCH_BYTES) {
      writeBatch();
    } else if (flushTimer < 0) {
      flushTimer = vertx.setTimer(FLUSH_MS, id -> {
        flushTimer = -1;
        writeBatch();
      });
    }
  }

  private void writeBatch() {
    if (flushTimer >= 0) {
      vertx.cancelTimer(flushTimer);
      flushTimer = -1;
    }
    if (batch.length() == 0 || failure != null || file == null) {
      return;
    }
    Buffer out = batch;
    int records = batchRecords;
    batch = Buffer.buffer(BATCH_BYTES + 4096);
    batchRecords = 0;
    writing++;
    file.write(out).onComplete(ar -> {
      if (ar.succeeded()) {
        written += records;
      } else {
        failed(ar.cause());
      }
      if (--writing == 0 && drained != null) {
        Promise<Void> p = drained;
        drained = null;
        p.complete();
      }
    });
  }

  /** Completes once every write made so far is acknowledged, failed or not. */
  private Future<Void> drained() {
    if (writing == 0) {
      return Future.succeededFuture();
    }
    if (drained == null) {
      drained = Promise.promise();
    }
    return drained.future();
  }

  private void failed(Throwable e) {
    if (failure == null) {
      failure = new IOException("cannot write output '" + path + "': " + Outputs.reason(e), e);
    }
  }

  @Override
  public boolean busy() {
    return file != null && closed == null && failure == null && file.writeQueueFull();
  }

  @Override
  public Throwable failure() {
    return failure;
  }

  @Override
  public long written() {
    return written;
  }

  /** Writes the batch, waits for every write and syncs the file (as {@link #close()} does); the file stays open. */
  @Override
  public Future<Void> flush() {
    if (closed != null) {
      return closed;
    }
    if (file == null) {
      return Future.succeededFuture();
    }
    writeBatch();
    return drained()
        .transform(ar -> failure == null && sync && closed == null ? file.flush() : Future.<Void>succeededFuture())
        .transform(ar -> {
          if (ar.failed()) {
            failed(ar.cause());
          }
          return failure != null ? Future.failedFuture(failure) : Future.succeededFuture();
        });
  }

  /**
   * Writes what is left, syncs it to disk ({@link AsyncFile#flush()} is {@code FileChannel.force(false)}, that is
   * fdatasync; skipped for what is not a regular file, such as /dev/null, where it fails), closes the file and
   * releases the lock, in that order and whatever failed before. Fails with the first failure to write; the
   * same future on every call.
   */
  @Override
  public Future<Void> close() {
    if (closed != null) {
      return closed;
    }
    if (file == null) {
      closed = Future.succeededFuture();
      return closed;
    }
    writeBatch();
    closed = drained()
        .transform(ar -> failure == null && sync ? file.flush() : Future.<Void>succeededFuture())
        .transform(ar -> {
          if (ar.failed()) {
            failed(ar.cause());
          }
          return file.close();
        })
        .transform(ar -> {
          if (ar.failed()) {
            failed(ar.cause());
          }
          return Outputs.release(vertx, lock);
        })
        .transform(ar -> failure != null ? Future.<Void>failedFuture(failure) : Future.<Void>succeededFuture());
    return closed;
  }
}
