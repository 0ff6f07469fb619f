package dev.scraper.engine;

import dev.scraper.polite.HostBoard;
import io.vertx.core.Vertx;

/**
 * Runs the host board's dispatch whenever something may have changed (a URL queued or ended, a host woken, room
 * freed), and keeps one timer for the soonest host that waits for time. Event-loop owned.
 */
final class Dispatcher {
  private final Vertx vertx;
  private final HostBoard board;
  private long timer = -1;
  private long timerAt;

  Dispatcher(Vertx vertx, HostBoard board) {
    this.vertx = vertx;
    this.board = board;
  }

  /** Starts what may start now and arms the timer for what waits for time. */
  void kick() {
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
      kick();
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
