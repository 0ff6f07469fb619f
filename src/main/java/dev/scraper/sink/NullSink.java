package dev.scraper.sink;

import dev.scraper.record.Record;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/** Takes records and keeps none: for a run whose records nobody asked to keep (the lines on the terminal are all). */
public final class NullSink implements Sink {
  private long written;

  @Override
  public void write(Record record, Buffer line) {
    written++;
  }

  @Override
  public boolean busy() {
    return false;
  }

  @Override
  public Throwable failure() {
    return null;
  }

  @Override
  public long written() {
    return written;
  }

  @Override
  public Future<Void> flush() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
