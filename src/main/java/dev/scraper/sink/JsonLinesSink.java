package dev.scraper.sink;

import dev.scraper.record.Record;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import java.nio.file.Path;

/**
 * Records as JSON lines in one file, written through an {@link AsyncFile} in batches: a batch goes out when it
 * reaches {@value #BATCH_BYTES} bytes or at the latest {@value #FLUSH_MS} ms after its first record. The file is
 * truncated when opened, so one file holds one run.
 */
public final class JsonLinesSink implements Sink {
  static final int BATCH_BYTES = 64 * 1024;
  static final long FLUSH_MS = 200;
  private final Vertx vertx;
  private final Path path;
  private AsyncFile file;
  private Buffer batch = Buffer.buffer(BATCH_BYTES + 4096);
  private long flushTimer = -1;
  private Throwable failure;
  private Future<Void> lastWrite = Future.succeededFuture();

  public JsonLinesSink(Vertx vertx, Path path) {
    this.vertx = vertx;
    this.path = path;
  }

  @Override
  public Future<Void> open() {
    Path dir = path.toAbsolutePath().getParent();
    Future<Void> dirs = dir == null ? Future.succeededFuture() : vertx.fileSystem().mkdirs(dir.toString());
    return dirs
        .compose(v -> vertx.fileSystem().open(path.toString(),
            new OpenOptions().setWrite(true).setCreate(true).setTruncateExisting(true)))
        .onSuccess(f -> {
          file = f;
          file.exceptionHandler(this::failed);
        })
        .recover(e -> Future.failedFuture("cannot open output '" + path + "': " + e.getMessage()))
        .mapEmpty();
  }

  @Override
  public void write(Record record, Buffer line) {
    if (failure != null) {
      return;
    }
    if (line != null) {
      batch.appendBuffer(line);
    } else {
      batch.appendBuffer(record.toJson().toBuffer()).appendByte((byte) '\n');
    }
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
    batch = Buffer.buffer(BATCH_BYTES + 4096);
    lastWrite = file.write(out).onFailure(this::failed);
  }

  private void failed(Throwable e) {
    if (failure == null) {
      failure = new java.io.IOException("cannot write output '" + path + "': " + e.getMessage(), e);
    }
  }

  @Override
  public boolean busy() {
    return file != null && file.writeQueueFull();
  }

  @Override
  public Throwable failure() {
    return failure;
  }

  @Override
  public Future<Void> flush() {
    writeBatch();
    if (file == null) {
      return Future.succeededFuture();
    }
    return lastWrite.transform(ar -> failure != null ? Future.failedFuture(failure) : file.flush());
  }

  @Override
  public Future<Void> close() {
    if (file == null) {
      return Future.succeededFuture();
    }
    return flush().eventually(() -> file.close()).transform(ar -> {
      if (failure != null) {
        return Future.failedFuture(failure);
      }
      return ar.failed() ? Future.failedFuture(ar.cause()) : Future.<Void>succeededFuture();
    });
  }
}
