package dev.scraper.sink;

import dev.scraper.record.Record;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * Where records go. A sink comes open (for files: from {@link Outputs}, which locks and opens every output of a
 * run before truncating any). Called only from the engine's event loop; implementations must not block it, and
 * no method throws: a failure to write is kept, shown by {@link #failure()} and returned by {@link #close()}.
 */
public interface Sink {

  /** Takes one record; it reaches its destination soon, in order. Ignored once the sink failed or closed. */
  default void write(Record record) {
    write(record, null);
  }

  /** As {@link #write(Record)}, with the record's JSON line already encoded (off the event loop), or null. */
  void write(Record record, Buffer line);

  /**
   * As {@link #write(Record, Buffer)}, for a URL that waits in a frontier on disk as row {@code row}: a sink that
   * keeps the run's state settles the row once the record is written. Others ignore the row.
   */
  default void write(Record record, Buffer line, long row) {
    write(record, line);
  }

  /** Whether the sink wants the engine to hold new work until it catches up (never after a failure). */
  boolean busy();

  /** The first failure to write, or null; its message is one sentence naming the destination and the reason. */
  Throwable failure();

  /** Records acknowledged as written to the destination so far (final once {@link #close()} completed). */
  long written();

  /** Writes everything taken so far. */
  Future<Void> flush();

  /**
   * Writes everything taken, makes it durable, closes and releases the destination (lock included); fails with
   * {@link #failure()} if any write failed. Safe to call more than once.
   */
  Future<Void> close();
}
