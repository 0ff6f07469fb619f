package dev.scraper.fetch;

import dev.scraper.config.FetchPolicy;
import dev.scraper.url.WebUrl;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;

/**
 * One request's wait at the {@link StartGate} for its slot (robots.txt, its host's turn). The URL's budget does not
 * run meanwhile: politeness is not the server's slowness. A slot that arrives after the wait was given up is
 * given back at once, so none is ever lost.
 */
final class GateWait {
  private Future<Slot> asked;

  /** Asks the gate for a slot to {@code target}; {@code then} hears the outcome, unless the wait was given up. */
  void ask(StartGate gate, WebUrl target, FetchPolicy policy, Deadline deadline, Handler<AsyncResult<Slot>> then) {
    deadline.park(System.nanoTime());
    Future<Slot> future = gate.next(target, policy);
    asked = future;
    future.onComplete(ar -> {
      if (asked != future) {
        if (ar.succeeded()) {
          ar.result().release();
        }
        return;
      }
      asked = null;
      deadline.unpark(System.nanoTime());
      then.handle(ar);
    });
  }

  /** Gives the wait up: a slot granted later is released at once. */
  void abandon() {
    asked = null;
  }
}
