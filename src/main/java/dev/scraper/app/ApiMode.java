package dev.scraper.app;

import dev.scraper.api.Api;
import dev.scraper.api.ApiFailure;
import dev.scraper.cluster.NodeRegistry;
import dev.scraper.config.ReloadRefused;
import dev.scraper.config.ScraperConfig;
import dev.scraper.engine.Engine;
import dev.scraper.job.ExitCodes;
import dev.scraper.sink.TerminalReporter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * A process with the management API ("http" in the config): it stays up until SIGTERM or SIGINT (exit 0), its jobs
 * and those added through the API run under the API's board (dev.scraper.api); SIGHUP and POST /reload read the
 * config file again ({@link Reload}). Kept apart from {@link MainVerticle}
 * so that a run without "http" never loads the API, Vert.x Web or Micrometer.
 */
final class ApiMode {
  private final Vertx vertx;
  private final Engine engine;
  private final TerminalReporter reporter;
  private final NodeRegistry nodes;
  private Supplier<Future<Void>> stopper;

  /** @param nodes this node in the cluster's registry: {@code GET /nodes} lists them, the API feeds its figures */
  ApiMode(Vertx vertx, Engine engine, Streams io, NodeRegistry nodes) {
    this.vertx = vertx;
    this.engine = engine;
    this.nodes = nodes;
    this.reporter = new TerminalReporter(vertx, io.human(), io.colours(), false, true);
  }

  /**
   * Deploys the engine and starts the API on its context; exits with 3 when an output of the config cannot be
   * opened, with 2 when the port cannot be listened on.
   */
  void start(ScraperConfig config, IntConsumer onExit, Reload reload) {
    Signals.exitZeroWhenStopped(engine);
    vertx.deployVerticle(engine).onSuccess(id -> engine.engineContext().runOnContext(v ->
        Api.start(vertx, engine, config, reporter::line, nodes).onSuccess(s -> {
          stopper = s;
          Supplier<Future<JsonObject>> run = () -> reload.run(diff -> engine.stopping()
              ? Future.failedFuture(new ReloadRefused(409, "the process is stopping"))
              : s.apply(diff).onSuccess(x -> engine.shutdownGrace(diff.config().shutdownGraceMs())));
          s.reloadWith(run);
          Signals.onHangup(() -> engine.engineContext().runOnContext(x -> run.get()));
        }).onFailure(e -> {
          System.err.println("scraper: " + e.getMessage());
          boolean listen = e instanceof ApiFailure f && ApiFailure.LISTEN.equals(f.kind());
          onExit.accept(listen ? ExitCodes.BAD_CONFIG : ExitCodes.OUTPUT_FAILED);
        })));
  }

  /**
   * Fires no more slots, waits for the runs the engine's stop cancels, closes the outputs and the server, and takes
   * this node off the cluster's list.
   */
  Future<Void> stop() {
    Promise<Void> closed = Promise.promise();
    engine.engineContext().runOnContext(v -> (stopper == null ? Future.<Void>succeededFuture() : stopper.get())
        .transform(x -> reporter.close()).transform(x -> nodes.close()).onComplete(closed));
    return closed.future();
  }
}
