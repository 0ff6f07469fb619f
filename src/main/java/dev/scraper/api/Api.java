package dev.scraper.api;

import dev.scraper.config.ScraperConfig;
import dev.scraper.engine.Engine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Starts the management API of a process whose config has {@code "http"}: the jobs of the config go to a
 * {@link JobBoard} (outputs opened, schedules armed, the others run once), then the server listens. The only entry
 * to this package, called only when "http" is set, so that a plain run never loads Vert.x Web or Micrometer.
 */
public final class Api {
  private Api() {
  }

  /**
   * Call on the engine's context. Fails when an output of the config cannot be opened ({@link ApiFailure#OUTPUT})
   * or the server cannot listen ({@link ApiFailure#LISTEN}); completes with what stops it all (fires no more slots,
   * waits for the runs the engine's stop cancels, closes the outputs and the server).
   *
   * @param say where lines for the person running the process go
   */
  public static Future<Supplier<Future<Void>>> start(Vertx vertx, Engine engine, ScraperConfig config,
                                                     Consumer<String> say) {
    JobBoard[] board = new JobBoard[1];
    ApiMetrics metrics = new ApiMetrics(engine, () -> board[0].active());
    board[0] = new JobBoard(vertx, engine, metrics, say, config.dataDir());
    ApiServer server = new ApiServer(vertx, config.http(), board[0], metrics);
    return board[0].add(config.jobs(), true)
        .recover(e -> Future.failedFuture(new ApiFailure(ApiFailure.OUTPUT, e.getMessage())))
        .compose(v -> server.listen())
        .map(port -> {
          say.accept("scraper: management API on http://" + config.http().host() + ":" + port
              + (config.http().token() == null ? "" : " (token required)"));
          return () -> board[0].stop().transform(x -> server.close());
        });
  }
}
