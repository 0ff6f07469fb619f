package dev.scraper.sink;

import dev.scraper.record.Record;
import io.vertx.core.Future;

/** Where records go. Called only from the engine's event loop; implementations must not block it. */
public interface Sink {

  /** Opens the sink (creates directories and the file). Fails when it cannot be written. */
  Future<Void> open();

  /** Takes one record; it reaches its destination soon, in order. */
  default void write(Record record) {
    write(record, null);
  }

  /** As {@link #write(Record)}, with the record's JSON line already encoded (off the event loop), or null. */
  void write(Record record, io.vertx.core.buffer.Buffer line);

  /** Whether the sink wants the engine to hold new work until it catches up. */
  boolean busy();

  /** The first failure to write, or null. */
  Throwable failure();

  /** Writes everything taken so far. */
  Future<Void> flush();

  /** Flushes and closes. */
  Future<Void> close();
}
