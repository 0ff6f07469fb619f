package dev.scraper.fetch;

import dev.scraper.memory.MemoryBudget;
import dev.scraper.record.ErrorType;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * A response body collected in memory up to a cap, every byte counted against the engine's {@link MemoryBudget}.
 * While the budget is over, it reports a full write queue, so the client pauses the response (TCP back-pressure
 * holds the sender) until the budget has room again. Past the cap it stops taking bytes, never drains, and
 * reports the overflow at once through {@link #overflow()}; the {@link Hop} then resets the request, which closes
 * the connection. It also notes when bytes last arrived, for the idle check; a pause of ours is not silence.
 */
final class CappedBody implements BodyStream<Buffer> {
  private final long max;
  private final MemoryBudget.Charge charge;
  private final Promise<Buffer> result = Promise.promise();
  private final Promise<Long> overflow = Promise.promise();
  private Buffer body = Buffer.buffer();
  private boolean stopped;
  private boolean held;
  private Handler<Void> drain;
  private long lastByteNanos = System.nanoTime();

  CappedBody(long max, MemoryBudget.Charge charge) {
    this.max = max;
    this.charge = charge;
  }

  /** A codec that hands out this one stream (one codec per request). */
  BodyCodec<Buffer> codec() {
    return () -> this;
  }

  /** Completes with the byte count reached when the cap was passed. */
  Future<Long> overflow() {
    return overflow.future();
  }

  /** The head declared this many body bytes (uncompressed, under the cap): the buffer is sized once. */
  void expect(long declared) {
    if (!stopped && body.length() == 0 && declared > 0 && declared <= max) {
      body = Buffer.buffer((int) declared);
    }
  }

  /** Counts silence from now (the response head arrived). */
  void touch() {
    lastByteNanos = System.nanoTime();
  }

  /** When the last body bytes arrived (System.nanoTime); now while the budget holds the body back. */
  long lastByteNanos() {
    return held ? System.nanoTime() : lastByteNanos;
  }

  /** Stops taking bytes and gives them back: the response stays paused until its connection is closed. */
  void stop() {
    stopped = true;
    body = null;
    charge.release();
  }

  MemoryBudget.Charge charge() {
    return charge;
  }

  @Override
  public Future<Buffer> result() {
    return result.future();
  }

  @Override
  public void handle(Throwable failure) {
    result.tryFail(failure);
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public Future<Void> write(Buffer data) {
    if (stopped) {
      return Future.succeededFuture();
    }
    lastByteNanos = System.nanoTime();
    long size = (long) body.length() + data.length();
    if (size > max) {
      stop();
      overflow.tryComplete(size);
      result.tryFail(new FetchError(ErrorType.BODY_TOO_LARGE, "body passed maxBodyBytes=" + max));
      return Future.succeededFuture();
    }
    body.appendBuffer(data);
    charge.grow(data.length());
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> end() {
    if (!stopped) {
      charge.complete();
      result.tryComplete(body);
    }
    return Future.succeededFuture();
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    if (stopped) {
      return true;
    }
    held = !charge.mayGrow();
    return held;
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    drain = handler;
    if (handler != null && held && !stopped) {
      charge.whenRoom(this::resume);
    }
    return this;
  }

  private void resume() {
    if (stopped || !charge.mayGrow()) {
      if (!stopped) {
        charge.whenRoom(this::resume);
      }
      return;
    }
    held = false;
    lastByteNanos = System.nanoTime();
    Handler<Void> h = drain;
    drain = null;
    if (h != null) {
      h.handle(null);
    }
  }
}
