package dev.scraper.engine;

import dev.scraper.record.Record;
import dev.scraper.sink.Sink;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/** A run's sink that tells its {@link Checkpoint} of each record it takes. Event-loop owned, as every sink. */
final class CheckpointSink implements Sink {
  private final Sink sink;
  private final Checkpoint checkpoint;

  CheckpointSink(Sink sink, Checkpoint checkpoint) {
    this.sink = sink;
    this.checkpoint = checkpoint;
  }

  @Override
  public void write(Record record, Buffer line) {
    sink.write(record, line);
    checkpoint.taken();
  }

  @Override
  public void write(Record record, Buffer line, long row) {
    sink.write(record, line, row);
    checkpoint.taken();
  }

  @Override
  public boolean busy() {
    return sink.busy();
  }

  @Override
  public Throwable failure() {
    return sink.failure();
  }

  @Override
  public long written() {
    return sink.written();
  }

  @Override
  public Future<Void> flush() {
    return sink.flush();
  }

  @Override
  public Future<Void> close() {
    return sink.close();
  }
}
