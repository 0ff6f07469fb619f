package dev.scraper.fetch;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One periodic timer for all live exchanges, instead of two timers per URL: every {@value #TICK_MS} ms each
 * exchange checks its deadline and its body's silence. Runs only while exchanges are live. Event-loop owned.
 */
final class Ticker {
  /** How late a deadline may be noticed, at most, in ms. */
  static final long TICK_MS = 25;
  private final Vertx vertx;
  private final Set<Exchange> live = new LinkedHashSet<>();
  private long timer = -1;

  Ticker(Vertx vertx) {
    this.vertx = vertx;
  }

  void add(Exchange exchange) {
    live.add(exchange);
    if (timer < 0) {
      timer = vertx.setPeriodic(TICK_MS, id -> tick());
    }
  }

  void remove(Exchange exchange) {
    live.remove(exchange);
    if (live.isEmpty() && timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void tick() {
    long now = System.nanoTime();
    for (Exchange e : new ArrayList<>(live)) {
      e.tick(now);
    }
  }
}
