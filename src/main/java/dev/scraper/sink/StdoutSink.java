package dev.scraper.sink;

import dev.scraper.record.Record;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Records as JSON lines on the process's standard output ({@code "output": {"path": "-"}}), for a pipe that another
 * program reads while the run goes on. One write is under way at a time, on a worker: the records that complete
 * meanwhile make the next one, which starts as soon as it ends, so a record reaches the reader within milliseconds
 * and records that come fast go out in small batches. A reader that falls behind holds new fetches back once
 * {@value #BUSY_BYTES} bytes wait. A reader that goes away (a closed pipe: EPIPE, as with {@code | head -1}) is the
 * sink's failure: the run stops and exits 3. Standard output is flushed at the end, never closed.
 */
public final class StdoutSink implements Sink {
  /** Bytes waiting beyond which the run holds new fetches back. */
  static final int BUSY_BYTES = 1 << 20;
  private final Vertx vertx;
  private final OutputStream out;
  private final String name;
  private Buffer pending = Buffer.buffer();
  private int pendingRecords;
  private int inFlightBytes;
  private boolean writing;
  private long written;
  private Throwable failure;
  private Promise<Void> drained;
  private Future<Void> closed;

  /** A sink on the process's standard output. */
  public StdoutSink(Vertx vertx) {
    this(vertx, new FileOutputStream(FileDescriptor.out), "stdout");
  }

  /** A sink on {@code out}, named {@code name} in messages (for tests). */
  StdoutSink(Vertx vertx, OutputStream out, String name) {
    this.vertx = vertx;
    this.out = out;
    this.name = name;
  }

  @Override
  public void write(Record record, Buffer line) {
    if (failure != null || closed != null) {
      return;
    }
    pending.appendBuffer(line != null ? line : record.toJson().toBuffer().appendByte((byte) '\n'));
    pendingRecords++;
    if (!writing) {
      writeNext();
    }
  }

  private void writeNext() {
    if (pending.length() == 0 || failure != null) {
      writing = false;
      if (drained != null) {
        Promise<Void> p = drained;
        drained = null;
        p.complete();
      }
      return;
    }
    writing = true;
    byte[] bytes = pending.getBytes();
    int records = pendingRecords;
    pending = Buffer.buffer();
    pendingRecords = 0;
    inFlightBytes = bytes.length;
    vertx.<Void>executeBlocking(() -> {
      out.write(bytes);
      out.flush();
      return null;
    }, false).onComplete(ar -> {
      inFlightBytes = 0;
      if (ar.succeeded()) {
        written += records;
      } else if (failure == null) {
        failure = new IOException("cannot write output '" + name + "': " + reason(ar.cause()), ar.cause());
      }
      writeNext();
    });
  }

  /** "the reader closed the pipe (Broken pipe)" for EPIPE, else the system's reason. */
  private static String reason(Throwable e) {
    String reason = Outputs.reason(e);
    return reason.contains("Broken pipe") ? "the reader closed the pipe (Broken pipe)" : reason;
  }

  @Override
  public boolean busy() {
    return failure == null && closed == null && pending.length() + inFlightBytes > BUSY_BYTES;
  }

  @Override
  public Throwable failure() {
    return failure;
  }

  @Override
  public long written() {
    return written;
  }

  /** Completes when every record taken so far has been written (or the sink failed). */
  @Override
  public Future<Void> flush() {
    if (!writing) {
      return failure != null ? Future.failedFuture(failure) : Future.succeededFuture();
    }
    if (drained == null) {
      drained = Promise.promise();
    }
    return drained.future().transform(ar -> failure != null ? Future.failedFuture(failure)
        : Future.succeededFuture());
  }

  /** Writes what is left; standard output stays open. Fails with the first failure to write. */
  @Override
  public Future<Void> close() {
    if (closed == null) {
      closed = flush();
    }
    return closed;
  }
}
