package dev.scraper.app;

import dev.scraper.config.ConfigReader;
import dev.scraper.config.ScraperConfig;
import dev.scraper.engine.Engine;
import dev.scraper.job.ExitCodes;
import dev.scraper.state.StateConflictException;
import dev.scraper.job.JobResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The application: deploys the engine, runs the config's jobs once as a {@link CliSession}, and hands the exit code
 * to {@code onExit} (the launcher exits the process with it). On shutdown the engine (deployed from here, so
 * undeployed first) cancels what still runs; this verticle's stop waits until the summaries are out.
 */
public final class MainVerticle extends VerticleBase {
  private final ScraperConfig given;
  private final Streams streams;
  private final IntConsumer onExit;
  private final Promise<Void> reported = Promise.promise();

  /** For launchers that pass the config as JSON ({@code config()}); the process is not exited. */
  public MainVerticle() {
    this(null, null, code -> {
    });
  }

  /** @param streams where records and lines go; null to decide from the config */
  MainVerticle(ScraperConfig config, Streams streams, IntConsumer onExit) {
    this.given = config;
    this.streams = streams;
    this.onExit = onExit;
  }

  @Override
  public Future<?> start() {
    ScraperConfig config = given != null ? given
        : ConfigReader.read(config(), Path.of("").toAbsolutePath());
    boolean quiet = config.quiet() || Boolean.getBoolean("scraper.quiet");
    ScraperConfig effective = new ScraperConfig(config.jobs(), config.outputDir(), quiet,
        config.memoryBudgetBytes(), config.dataDir(), config.fresh() || Boolean.getBoolean("scraper.fresh"));
    Streams io = streams != null ? streams : Streams.of(effective);
    Engine engine = new Engine(effective.memoryBudgetBytes());
    vertx.deployVerticle(engine).onSuccess(id -> engine.engineContext().runOnContext(v ->
        new CliSession(vertx, engine, effective, io).run()
            .onComplete(ar -> {
              reported.tryComplete();
              if (ar.failed()) { // an output could not be locked or opened, or saved state does not fit: no fetch
                System.err.println("scraper: " + ar.cause().getMessage());
                onExit.accept(ar.cause() instanceof StateConflictException ? ExitCodes.BAD_CONFIG
                    : ExitCodes.OUTPUT_FAILED);
              } else {
                finish(ar.result());
              }
            })));
    return Future.succeededFuture();
  }

  private void finish(List<JobResult> results) {
    for (JobResult r : results) {
      if (r.outputFailure() != null) {
        System.err.println("scraper: " + r.outputFailure().getMessage()); // names the output file
      }
    }
    onExit.accept(ExitCodes.of(results));
  }

  /** Waits (briefly) for the summaries of runs the engine's stop cancelled. */
  @Override
  public Future<?> stop() {
    return reported.future().timeout(10, java.util.concurrent.TimeUnit.SECONDS).recover(e -> Future.succeededFuture());
  }
}
