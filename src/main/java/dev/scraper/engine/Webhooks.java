package dev.scraper.engine;

import dev.scraper.config.JobSpec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The engine's {@link Webhook}s: one per run of a job with {@code notify.webhook}. Event-loop owned. */
final class Webhooks {
  /** How long a shutdown waits for the webhooks' last batches. */
  static final long GRACE_MS = 10_000;
  private final Vertx vertx;
  private final Set<Webhook> sending = new LinkedHashSet<>();

  Webhooks(Vertx vertx) {
    this.vertx = vertx;
  }

  /** The listener a run of {@code job} reports to: {@code listener}, or a webhook in front of it. */
  RunListener around(JobSpec job, RunListener listener) {
    return job.webhook() == null ? listener : new Webhook(vertx, job.name(), job.webhook(), listener);
  }

  /** The run that reported to {@code heard} ended: its webhook sends what is left. */
  void ended(RunListener heard) {
    if (heard instanceof Webhook hook) {
      sending.add(hook);
      hook.end();
      hook.drained().onComplete(x -> sending.remove(hook));
    }
  }

  /** Completes when every webhook sent (or dropped) its last batch, or after {@link #GRACE_MS}. */
  Future<Void> sent() {
    Promise<Void> sent = Promise.promise();
    List<Future<Void>> all = new ArrayList<>();
    for (Webhook h : sending) {
      all.add(h.drained());
    }
    Future.join(all).onComplete(x -> sent.tryComplete());
    long timer = vertx.setTimer(GRACE_MS, t -> sent.tryComplete());
    return sent.future().onComplete(x -> vertx.cancelTimer(timer));
  }
}
