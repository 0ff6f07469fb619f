package dev.scraper.engine;

import dev.scraper.record.Record;
import dev.scraper.url.Redaction;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayDeque;

/**
 * A job's {@code notify.webhook} for one run: the run's changed records are POSTed as JSON lines
 * ({@code application/x-ndjson}), {@link #BATCH} at a time, one request at a time, in order. A batch that fails
 * (no answer, or a status other than 2xx) is tried again after a backoff, {@link #ATTEMPTS} times in all, and then
 * dropped with a line saying so. The run never waits for it: it hears the records as the run's listener and passes
 * them on. Event-loop owned.
 */
final class Webhook implements RunListener {
  static final int BATCH = 100;
  static final int ATTEMPTS = 4;
  static final long BACKOFF_MS = 250;
  static final long TIMEOUT_MS = 10_000;
  private final Vertx vertx;
  private final String job;
  private final String url;
  private final RunListener inner;
  private final WebClient client;
  private final ArrayDeque<Buffer> batches = new ArrayDeque<>();
  private final Promise<Void> drained = Promise.promise();
  private Buffer pending = Buffer.buffer();
  private int pendingCount;
  private boolean sending;
  private boolean ended;

  Webhook(Vertx vertx, String job, String url, RunListener inner) {
    this.vertx = vertx;
    this.job = job;
    this.url = url;
    this.inner = inner;
    this.client = WebClient.create(vertx);
  }

  @Override
  public void record(Record record) {
    inner.record(record);
    if (record.changed()) {
      pending.appendString(record.toJson().encode()).appendByte((byte) '\n');
      if (++pendingCount >= BATCH) {
        cut();
      }
    }
  }

  @Override
  public void problem(String message) {
    inner.problem(message);
  }

  @Override
  public void overTime(String message) {
    inner.overTime(message);
  }

  /** The run is over: what is left goes out; {@link #drained} completes once every batch is sent or dropped. */
  void end() {
    ended = true;
    cut();
    next();
  }

  /** Completes (never fails) when the run ended and every batch was sent or dropped. */
  Future<Void> drained() {
    return drained.future();
  }

  private void cut() {
    if (pendingCount > 0) {
      batches.add(pending);
      pending = Buffer.buffer();
      pendingCount = 0;
      next();
    }
  }

  private void next() {
    if (sending) {
      return;
    }
    Buffer batch = batches.poll();
    if (batch != null) {
      sending = true;
      post(batch, 1);
    } else if (ended && drained.tryComplete()) {
      client.close();
    }
  }

  private void post(Buffer batch, int attempt) {
    client.postAbs(url).putHeader("Content-Type", "application/x-ndjson").timeout(TIMEOUT_MS).sendBuffer(batch)
        .onComplete(ar -> answered(ar, batch, attempt));
  }

  private void answered(AsyncResult<HttpResponse<Buffer>> ar, Buffer batch, int attempt) {
    if (ar.succeeded() && ar.result().statusCode() / 100 == 2) {
      sending = false;
      next();
    } else if (attempt < ATTEMPTS) {
      vertx.setTimer(BACKOFF_MS << (attempt - 1), t -> post(batch, attempt + 1));
    } else {
      String why = ar.succeeded() ? "HTTP " + ar.result().statusCode() : String.valueOf(ar.cause().getMessage());
      long lines = batch.toString().chars().filter(c -> c == '\n').count();
      inner.problem("scraper: job " + job + ": webhook " + Redaction.url(url) + ": " + lines + " changed record"
          + (lines == 1 ? "" : "s") + " not delivered after " + ATTEMPTS + " attempts (" + why + ")");
      sending = false;
      next();
    }
  }
}
