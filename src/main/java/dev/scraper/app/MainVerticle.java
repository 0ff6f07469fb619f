package dev.scraper.app;

import dev.scraper.config.ConfigReader;
import dev.scraper.config.ScraperConfig;
import dev.scraper.engine.ScraperVerticle;
import dev.scraper.job.ExitCodes;
import dev.scraper.job.JobResult;
import dev.scraper.sink.TerminalReporter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The application: deploys the engine for the config, waits for the run to end and hands the exit code to
 * {@code onExit} (the launcher exits the process with it).
 */
public final class MainVerticle extends VerticleBase {
  private final ScraperConfig given;
  private final IntConsumer onExit;

  /** For launchers that pass the config as JSON ({@code config()}); the process is not exited. */
  public MainVerticle() {
    this(null, code -> {
    });
  }

  public MainVerticle(ScraperConfig config, IntConsumer onExit) {
    this.given = config;
    this.onExit = onExit;
  }

  @Override
  public Future<?> start() {
    ScraperConfig config = given != null ? given
        : ConfigReader.read(config(), Path.of("").toAbsolutePath());
    boolean quiet = config.quiet() || Boolean.getBoolean("scraper.quiet");
    ScraperConfig effective = new ScraperConfig(config.jobs(), config.outputDir(), quiet);
    ScraperVerticle engine = new ScraperVerticle(effective, System.out, TerminalReporter.stdoutIsTerminal());
    vertx.deployVerticle(engine)
        .onFailure(e -> { // an output could not be locked or opened (Outputs): nothing was fetched
          System.err.println("scraper: " + e.getMessage());
          onExit.accept(ExitCodes.OUTPUT_FAILED);
        })
        .compose(id -> engine.results())
        .onSuccess(this::finish);
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
}
