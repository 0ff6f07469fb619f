package dev.scraper.fetch;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * A response body collected in memory up to a cap. Past the cap it stops taking bytes and reports a full write
 * queue that never drains, so the response stays paused (TCP back-pressure holds the sender), and reports the
 * overflow at once through {@link #overflow()}; the {@link Exchange} then resets the request, which closes the
 * connection. It also notes when bytes last arrived, for the exchange's idle check.
 */
final class CappedBody implements BodyStream<Buffer> {
  private final long max;
  private final Promise<Buffer> result = Promise.promise();
  private final Promise<Long> overflow = Promise.promise();
  private Buffer body = Buffer.buffer();
  private boolean stopped;
  private long lastByteNanos = System.nanoTime();

  CappedBody(long max) {
    this.max = max;
  }

  /** A codec that hands out this one stream (one codec per request). */
  BodyCodec<Buffer> codec() {
    return () -> this;
  }

  /** Completes with the byte count reached when the cap was passed. */
  Future<Long> overflow() {
    return overflow.future();
  }

  /** Counts silence from now (the response head arrived). */
  void touch() {
    lastByteNanos = System.nanoTime();
  }

  /** When the last body bytes arrived (System.nanoTime), or when {@link #touch()} was last called. */
  long lastByteNanos() {
    return lastByteNanos;
  }

  /** Stops taking bytes: the response stays paused until its connection is closed. */
  void stop() {
    stopped = true;
    body = null;
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
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> end() {
    if (!stopped) {
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
    return stopped;
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    return this;
  }
}
