package dev.scraper.sink;

import dev.scraper.record.Record;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * One run's sink on an output that stays open, and locked, for the life of the process: the runs of a scheduled job
 * append to one file, one run after another. Closing it ends the run's part, not the output: what the run wrote is
 * written and synced ({@link Sink#flush()}), and the output stays open for the next run. {@link #written()} counts
 * this run's records only. Event-loop owned, like the sink it shares.
 */
public final class KeptRunSink implements Sink {
  private final Sink output;
  private final long writtenBefore;
  private Future<Void> closed;

  /** @param output open, shared by the runs one after another; closed by its owner at the end of the process */
  public KeptRunSink(Sink output) {
    this.output = output;
    this.writtenBefore = output.written();
  }

  @Override
  public void write(Record record, Buffer line) {
    if (closed == null) {
      output.write(record, line);
    }
  }

  @Override
  public boolean busy() {
    return output.busy();
  }

  @Override
  public Throwable failure() {
    return output.failure();
  }

  @Override
  public long written() {
    return output.written() - writtenBefore;
  }

  @Override
  public Future<Void> flush() {
    return output.flush();
  }

  /** Writes and syncs this run's records; the output stays open. The same future on every call. */
  @Override
  public Future<Void> close() {
    if (closed == null) {
      closed = output.flush();
    }
    return closed;
  }
}
