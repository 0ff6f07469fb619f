package dev.scraper.app;

import dev.scraper.config.ConfigException;
import dev.scraper.config.ConfigReader;
import dev.scraper.config.ConfigSource;
import dev.scraper.config.ScraperConfig;
import dev.scraper.job.ExitCodes;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.launcher.application.HookContext;
import io.vertx.launcher.application.VertxApplication;
import io.vertx.launcher.application.VertxApplicationHooks;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The jar's entry point: Vert.x's launcher (all its options keep their meaning) with the config read and
 * validated before Vert.x starts, so a bad or missing {@code -conf} exits with code 2 and fetches nothing, and with
 * the run's own exit code (0, 1, 3) when the run ends.
 */
public final class ScraperApp extends VertxApplication implements VertxApplicationHooks {
  /** Kept so the level set in main is not lost to garbage collection of the logger. */
  private static final java.util.logging.Logger LAUNCHER_LOG =
      java.util.logging.Logger.getLogger("io.vertx.launcher.application");
  private final CompletableFuture<ScraperConfig> config;
  private volatile Vertx vertx;

  private ScraperApp(String[] args, CompletableFuture<ScraperConfig> config) {
    super(args, null, true, true);
    this.config = config;
  }

  public static void main(String[] args) {
    // No "Succeeded in deploying verticle" line, and no launcher warning about a bad -conf: ours is clearer.
    LAUNCHER_LOG.setLevel(java.util.logging.Level.SEVERE);
    // No SEVERE lines from Vert.x for resets and malformed responses: each such URL gets its own error record.
    QuietVertxLogs.installUnlessDebugging();
    if (Args.wantsHelp(args)) {
      VertxApplication.main(args);
      return;
    }
    // The config is read and validated on its own thread while the launcher starts Vert.x (they overlap on a
    // second core); nothing is deployed, so nothing is fetched, until it has passed (see verticleSupplier).
    Path workDir = Path.of("").toAbsolutePath();
    Preload.tlsEarly(Args.conf(args), workDir);
    CompletableFuture<ScraperConfig> config = CompletableFuture.supplyAsync(() -> {
      ScraperConfig read = ConfigReader.read(ConfigSource.load(Args.conf(args), workDir), workDir);
      Preload.tls(read);
      Preload.classes();
      return read;
    }, task -> new Thread(task, "scraper-config").start());
    new ScraperApp(args, config).launch();
  }

  /** The validated config; on a problem, prints every problem and exits with code 2. */
  private ScraperConfig validated() {
    try {
      return config.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof ConfigException problems) {
        printProblems(problems.problems());
      } else {
        System.err.println("scraper: cannot read the config: " + e.getCause());
      }
      exitNow(ExitCodes.BAD_CONFIG);
      throw e;
    }
  }

  /** Exits at once, before anything is deployed (no shutdown hooks wait on Vert.x). */
  private static void exitNow(int code) {
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(code);
  }

  private static void printProblems(List<String> problems) {
    StringBuilder b = new StringBuilder("scraper: the config is invalid (")
        .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems")
        .append("); nothing was fetched:\n");
    for (String p : problems) {
      b.append("  ").append(p).append('\n');
    }
    System.err.print(b);
  }

  @Override
  public Supplier<? extends Deployable> verticleSupplier() {
    ScraperConfig valid = validated();
    return () -> new MainVerticle(valid, this::exit);
  }

  /**
   * Start-up trims for a process that serves no files: no class-path file cache (it would create a cache directory
   * at start-up), and two event loops (the engine needs one; the default is two per core). Options given with
   * {@code -options} or {@code -Dvertx.options.*} still apply on top.
   */
  @Override
  public JsonObject afterVertxOptionsParsed(JsonObject vertxOptions) {
    JsonObject options = vertxOptions == null ? new JsonObject() : vertxOptions;
    if (!options.containsKey("eventLoopPoolSize")) {
      options.put("eventLoopPoolSize", 2);
    }
    JsonObject fs = options.getJsonObject("fileSystemOptions", new JsonObject());
    if (!fs.containsKey("fileCachingEnabled")) {
      fs.put("fileCachingEnabled", false);
    }
    if (!fs.containsKey("classPathResolvingEnabled")) {
      fs.put("classPathResolvingEnabled", false);
    }
    options.put("fileSystemOptions", fs);
    return options;
  }

  /** One engine runs every job on one event loop: more instances would run each job several times over. */
  @Override
  public void beforeDeployingVerticle(HookContext context) {
    if (context.deploymentOptions().getInstances() > 1) {
      System.err.println("scraper: -instances is not supported: one engine on one event loop runs every job"
          + " (raise \"concurrency\" instead); nothing was fetched");
      exitNow(ExitCodes.BAD_CONFIG);
    }
  }

  @Override
  public void afterVertxStarted(HookContext context) {
    vertx = context.vertx();
  }

  private void exit(int code) {
    Vertx v = vertx;
    Runnable halt = () -> new Thread(() -> System.exit(code), "scraper-exit").start();
    if (v == null) {
      halt.run();
    } else {
      v.close().onComplete(ar -> halt.run());
    }
  }
}
