package dev.scraper.api;

import dev.scraper.cluster.ClusterNode;
import dev.scraper.cluster.NodeRegistry;
import dev.scraper.config.AddedJob;
import dev.scraper.config.ConfigException;
import dev.scraper.config.ScraperConfig;
import dev.scraper.engine.Engine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Starts the management API of a process whose config has {@code "http"}: the jobs of the config go to a
 * {@link JobBoard} (outputs opened, schedules armed, the others run once), then the server listens. The only entry
 * to this package, called only when "http" is set, so that a plain run never loads Vert.x Web or Micrometer.
 */
public final class Api {
  private Api() {
  }

  /** As {@link #start(Vertx, Engine, ScraperConfig, Consumer, NodeRegistry)}, registering this node itself. */
  public static Future<ApiControl> start(Vertx vertx, Engine engine, ScraperConfig config, Consumer<String> say) {
    return NodeRegistry.join(vertx, ClusterNode.of(vertx), NodeRegistry.version())
        .compose(nodes -> start(vertx, engine, config, say, nodes));
  }

  /**
   * Call on the engine's context. Fails when an output of the config cannot be opened ({@link ApiFailure#OUTPUT})
   * or the server cannot listen ({@link ApiFailure#LISTEN}); completes with what stops it all and applies reloads.
   * The node's figures ({@code GET /nodes}, the other nodes' lists) come from the engine ({@link Engine#load}).
   *
   * @param say where lines for the person running the process go
   * @param nodes this node in the cluster's registry (the one node without {@code -cluster})
   */
  public static Future<ApiControl> start(Vertx vertx, Engine engine, ScraperConfig config, Consumer<String> say,
                                         NodeRegistry nodes) {
    JobBoard[] board = new JobBoard[1];
    ApiMetrics metrics = new ApiMetrics(engine, () -> board[0].active(), nodes.name());
    nodes.load(engine.load());
    board[0] = new JobBoard(vertx, engine, metrics, say, config.dataDir());
    ApiServer server = new ApiServer(vertx, config.http(), board[0], metrics, nodes);
    return board[0].add(config.jobs(), true)
        .recover(e -> Future.failedFuture(new ApiFailure(ApiFailure.OUTPUT, e.getMessage())))
        .compose(v -> restore(board[0], config, say))
        .compose(v -> server.listen())
        .map(port -> {
          String address = "http://" + config.http().host() + ":" + port;
          nodes.api(address);
          say.accept("scraper: management API on " + address
              + (config.http().token() == null ? "" : " (token required)"));
          return new ApiControl(vertx, board[0], server, metrics);
        });
  }

  /**
   * With a dataDir: the jobs added through the API before a restart are read and checked again, as at POST /jobs,
   * and taken on; one that is no longer valid, or whose name or output a job of the config took, is said and left.
   */
  private static Future<Void> restore(JobBoard board, ScraperConfig config, Consumer<String> say) {
    ApiJobs kept = board.keep.apiJobs();
    if (kept == null) {
      return Future.succeededFuture();
    }
    return kept.read().compose(list -> {
      List<Future<Void>> adds = new ArrayList<>();
      for (JsonObject json : list) {
        String name = String.valueOf(json.getValue("name"));
        String not = "scraper: job " + name + " (added through the API, kept in " + ApiJobs.FILE
            + ") is not taken on: ";
        try {
          adds.add(board.add(List.of(AddedJob.read(json.copy(), config.http())), false)
              .onFailure(e -> say.accept(not + e.getMessage())));
        } catch (ConfigException e) {
          say.accept(not + String.join("; ", e.problems()));
        } catch (ApiError e) {
          say.accept(not + e.getMessage());
        }
      }
      return Future.join(adds).<Void>mapEmpty().otherwiseEmpty();
    });
  }
}
