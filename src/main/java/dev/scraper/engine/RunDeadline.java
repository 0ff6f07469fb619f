package dev.scraper.engine;

import io.vertx.core.Vertx;

/**
 * A job's {@code maxRunMs}: one timer per run, armed when it starts and cancelled when it ends; a run still going
 * when it fires is cancelled, each of its unfinished URLs getting a {@code cancelled} record that says why.
 */
final class RunDeadline {
  private RunDeadline() {
  }

  /** Arms the limit of {@code run} ({@code maxRunMs} below 1: none). Call on the engine's context. */
  static void arm(Vertx vertx, Run run, long maxRunMs, RunListener listener) {
    if (maxRunMs < 1 || run.done().isComplete()) {
      return;
    }
    long timer = vertx.setTimer(maxRunMs, id -> {
      listener.overTime("scraper: job " + run.job().name() + " (run " + run.id() + "): still going after maxRunMs ("
          + maxRunMs + " ms); cancelled, its unfinished URLs recorded as cancelled");
      run.cancel(message(maxRunMs));
    });
    run.done().onComplete(ar -> vertx.cancelTimer(timer));
  }

  /** The message of the records of URLs a run's limit ended. */
  static String message(long maxRunMs) {
    return "maxRunMs (" + maxRunMs + " ms) ended the run before this URL was done";
  }
}
