package dev.scraper.engine;

import dev.scraper.config.FetchPolicy;
import dev.scraper.memory.MemoryBudget;
import dev.scraper.sink.Sink;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * How many of a run's URLs wait, are fetched and are parsed, and whether one more may start: at most
 * {@code concurrency} fetched and as many parsed at once, while the memory budget has room and the sink keeps up.
 * A sink that falls behind is looked at again {@value #SINK_RETRY_MS} ms later. While a shutdown's grace drains the
 * run ({@link #drain}) nothing more starts or is read, and the URLs fetched or parsed go on to their records.
 * Event-loop owned.
 */
final class RunRoom {
  static final long SINK_RETRY_MS = 10;
  private final Vertx vertx;
  private final MemoryBudget budget;
  private final Sink sink;
  private final int concurrency;
  private final Runnable freed;
  private int queued;
  private int fetching;
  private int parsing;
  private long sinkRetry = -1;
  /** Completed when no URL is fetched or parsed any more, once {@link #drain} was called; null until then. */
  private Promise<Void> idle;

  /** @param freed told when room may have come back (a URL moved on, the sink caught up) */
  RunRoom(Vertx vertx, MemoryBudget budget, Sink sink, FetchPolicy policy, Runnable freed) {
    this.vertx = vertx;
    this.budget = budget;
    this.sink = sink;
    this.concurrency = policy.concurrency();
    this.freed = freed;
  }

  /** Whether one more URL may start. */
  boolean hasRoom() {
    if (idle != null) {
      return false;
    }
    if (fetching >= concurrency || parsing >= concurrency || !budget.hasRoom()) {
      return false;
    }
    if (sink.busy()) {
      if (sinkRetry < 0) {
        sinkRetry = vertx.setTimer(SINK_RETRY_MS, t -> {
          sinkRetry = -1;
          freed.run();
        });
      }
      return false;
    }
    return true;
  }

  /** Counts a URL's move from one state to the next; tells {@code freed} when it left a fetch or parse slot. */
  void moved(UrlTask.State from, UrlTask.State to) {
    count(from, -1);
    count(to, 1);
    if (idle != null && fetching + parsing == 0) {
      // once the event is over: the URL that just moved on has its record written first
      vertx.runOnContext(v -> idle.tryComplete());
    }
    if (from != UrlTask.State.QUEUED || to == UrlTask.State.DONE) {
      freed.run();
    }
  }

  /**
   * Starts nothing more and reads nothing more; completes when no URL is fetched or parsed (at once when none is).
   */
  Future<Void> drain() {
    if (idle == null) {
      idle = Promise.promise();
      if (fetching + parsing == 0) {
        idle.complete();
      }
    }
    return idle.future();
  }

  /** Whether {@link #drain} was called: no more URLs are read. */
  boolean draining() {
    return idle != null;
  }

  /** A URL was read and joins its host's line. */
  void added() {
    queued++;
  }

  /** URLs waiting in their hosts' lines. */
  int queued() {
    return queued;
  }

  void stop() {
    if (sinkRetry >= 0) {
      vertx.cancelTimer(sinkRetry);
      sinkRetry = -1;
    }
  }

  private void count(UrlTask.State state, int delta) {
    switch (state) {
      case QUEUED -> queued += delta;
      case FETCHING -> fetching += delta;
      case PARSING -> parsing += delta;
      case DONE -> {
      }
    }
  }
}
