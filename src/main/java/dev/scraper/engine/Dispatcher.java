package dev.scraper.engine;

import dev.scraper.polite.HostBoard;
import io.vertx.core.Vertx;

/**
 * Runs the host board's dispatch whenever something may have changed (a URL queued or ended, a host woken, room
 * freed), and keeps one timer for the soonest host that waits for time. A dispatch asked for while an event is
 * handled runs once that event is over: many changes of one event share one dispatch, and a request that ends
 * lets the client put its connection back in the pool before the host's next request starts, so that the next
 * request reuses it instead of opening another. Event-loop owned.
 */
final class Dispatcher {
  private final Vertx vertx;
  private final HostBoard board;
  private long timer = -1;
  private long timerAt;
  private boolean scheduled;

  Dispatcher(Vertx vertx, HostBoard board) {
    this.vertx = vertx;
    this.board = board;
  }

  /** Starts what may start, once the event being handled is over; arms the timer for what waits for time. */
  void kick() {
    if (!scheduled) {
      scheduled = true;
      vertx.runOnContext(v -> {
        scheduled = false;
        dispatchNow();
      });
    }
  }

  private void dispatchNow() {
    long ms = board.dispatch();
    if (ms >= 0) {
      wakeIn(ms);
    }
  }

  private void wakeIn(long ms) {
    long at = System.nanoTime() / 1_000_000 + ms;
    if (timer >= 0) {
      if (timerAt <= at) {
        return;
      }
      vertx.cancelTimer(timer);
    }
    timerAt = at;
    timer = vertx.setTimer(Math.max(1, ms), id -> {
      timer = -1;
      dispatchNow();
    });
  }

  /** Stops the timer (the engine stops). */
  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}
