package dev.scraper.api;

import dev.scraper.config.ConfigDiff;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/**
 * The management API once started: {@link #get()} stops it (fires no more slots, waits for the runs the engine's
 * stop cancels, closes the outputs and the server); a reload is applied to its jobs through {@link #apply}.
 */
public final class ApiControl implements Supplier<Future<Void>> {
  private final Vertx vertx;
  private final JobBoard board;
  private final ApiServer server;
  private final ApiMetrics metrics;

  ApiControl(Vertx vertx, JobBoard board, ApiServer server, ApiMetrics metrics) {
    this.vertx = vertx;
    this.board = board;
    this.server = server;
    this.metrics = metrics;
  }

  @Override
  public Future<Void> get() {
    return board.stop().transform(x -> server.close()).onComplete(x -> metrics.close());
  }

  /** Applies a reloaded config to the jobs of the config file (see {@link BoardReload}); on the engine's context. */
  public Future<Void> apply(ConfigDiff diff) {
    return BoardReload.apply(vertx, board, diff);
  }

  /** What {@code POST /reload} does: reads the config again, applies it, answers with what changed. */
  public void reloadWith(Supplier<Future<JsonObject>> reload) {
    server.reloadRoute().reloadWith(reload);
  }
}
