package dev.scraper.state;

import dev.scraper.record.Record;
import dev.scraper.sink.Sink;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * The output of a run that keeps its state under {@code dataDir}: records are appended by the job's state worker
 * in the same transaction that settles their URLs (see {@link Store}), so the output and the frontier never
 * disagree after a kill. Closing syncs the output, closes the store and releases the output's lock.
 */
public final class StoredSink implements Sink {
  private final JobState state;
  private Future<Void> closed;

  public StoredSink(JobState state) {
    this.state = state;
  }

  public JobState state() {
    return state;
  }

  @Override
  public void write(Record record, Buffer line) {
    write(record, line, -1);
  }

  @Override
  public void write(Record record, Buffer line, long row) {
    if (closed != null || state.failure() != null) {
      return;
    }
    state.record(line != null ? line : record.toJson().toBuffer().appendByte((byte) '\n'), row);
  }

  @Override
  public boolean busy() {
    return closed == null && state.busy();
  }

  @Override
  public Throwable failure() {
    return state.failure();
  }

  @Override
  public long written() {
    return state.written();
  }

  @Override
  public Future<Void> flush() {
    return closed != null ? closed : state.flush();
  }

  @Override
  public Future<Void> close() {
    if (closed == null) {
      closed = state.close();
    }
    return closed;
  }
}
