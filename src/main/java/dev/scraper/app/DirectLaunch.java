package dev.scraper.app;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.launcher.application.ExitCodes;
import java.util.concurrent.TimeUnit;

/**
 * A plain run started without the Vert.x launcher's command-line parser: when no launcher option and no
 * {@code -Dvertx.*} property is given, there is nothing for it to parse, and building its picocli model (about
 * 170 classes of old bytecode that no class-data archive holds, read through reflection) costs a tenth of a second of
 * CPU before the first request. The steps are the launcher's, with the same hooks of {@link ScraperApp}: Vert.x
 * options, Vert.x, a shutdown hook that closes Vert.x (SIGTERM, Ctrl-C), the main verticle, and the launcher's exit
 * codes when Vert.x cannot start (11) or the verticle cannot be deployed (15). Any launcher option or {@code
 * -Dvertx.*} property goes through the launcher itself.
 */
final class DirectLaunch {
  /** How long the shutdown hook waits for Vert.x to close, as the launcher's does. */
  private static final long CLOSE_WAIT_MINUTES = 2;

  private DirectLaunch() {
  }

  /**
   * Whether no {@code vertx.*} system property asks for what only the launcher reads ({@code vertx.hazelcast.config}
   * is read by the cluster manager, which only {@code -cluster}, a launcher option, starts).
   */
  static boolean applies() {
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("vertx.") && !name.startsWith("vertx.disable") && !name.startsWith("vertx.logger")
          && !name.startsWith("vertx.hazelcast.")) {
        return false;
      }
    }
    return true;
  }

  /** Starts Vert.x and deploys {@code app}'s verticle; exits the process if either fails. */
  static void run(ScraperApp app) {
    Vertx vertx;
    try {
      vertx = Vertx.builder().with(new VertxOptions(app.afterVertxOptionsParsed(null))).build();
    } catch (RuntimeException e) {
      System.err.println("scraper: Vert.x could not start: " + e);
      ScraperApp.exitNow(ExitCodes.VERTX_INITIALIZATION);
      return;
    }
    app.started(vertx);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_WAIT_MINUTES, TimeUnit.MINUTES);
      } catch (Exception e) {
        // the process is ending either way
      }
    }, "scraper-shutdown"));
    DeploymentOptions deployment = new DeploymentOptions().setConfig(new JsonObject());
    vertx.deployVerticle(app.verticleSupplier(), deployment).onFailure(e -> {
      System.err.println("scraper: the scraper could not start: " + e);
      ScraperApp.exitNow(ExitCodes.VERTX_DEPLOYMENT);
    });
  }
}
