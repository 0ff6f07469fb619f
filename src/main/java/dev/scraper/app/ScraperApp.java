package dev.scraper.app;

import dev.scraper.config.ConfigException;
import dev.scraper.config.ConfigReader;
import dev.scraper.config.ConfigSource;
import dev.scraper.config.NodeOverrides;
import dev.scraper.config.ScraperConfig;
import dev.scraper.job.ExitCodes;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.launcher.application.HookContext;
import io.vertx.launcher.application.VertxApplication;
import io.vertx.launcher.application.VertxApplicationHooks;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The jar's entry point: this tool's command line ({@link Cli}: help, version, the quick form, {@code -conf}), then
 * Vert.x's launcher (the options of it that apply keep their meaning) with the config read and validated before
 * Vert.x starts, so a bad or missing config exits with code 2 and fetches nothing, and with the run's own exit code
 * (0, 1, 3) when the run ends. A plain run, with no launcher option, skips the launcher's command-line parser
 * ({@link DirectLaunch}): the parser costs a tenth of a second of start-up. {@code -cluster} goes through the
 * launcher, with Hazelcast and the event bus set up by {@link ClusterLaunch}.
 */
public final class ScraperApp extends VertxApplication implements VertxApplicationHooks {
  /** Kept so the level set in main is not lost to garbage collection of the logger. */
  private static final java.util.logging.Logger LAUNCHER_LOG =
      java.util.logging.Logger.getLogger("io.vertx.launcher.application");
  private final CompletableFuture<ScraperConfig> config;
  /** The quick form the config comes from, or null for {@code -conf}. */
  private final QuickForm quick;
  private volatile Vertx vertx;
  /** Where the config came from (set before {@link #config} completes), for reloads. */
  private final AtomicReference<ConfigOrigin> origin;
  /** Whether {@code -cluster} was given ({@link ClusterLaunch}). */
  private final boolean clustered;

  private ScraperApp(String[] args, CompletableFuture<ScraperConfig> config, QuickForm quick,
                     AtomicReference<ConfigOrigin> origin, boolean clustered) {
    super(args, null, true, true);
    this.config = config;
    this.quick = quick;
    this.origin = origin;
    this.clustered = clustered;
  }

  public static void main(String[] args) {
    // No "Succeeded in deploying verticle" line, and no launcher warning about a bad -conf: ours is clearer.
    LAUNCHER_LOG.setLevel(java.util.logging.Level.SEVERE);
    Cli cli;
    try {
      cli = Cli.parse(args); // sets -D properties given after the jar, so it comes before what reads them
    } catch (Cli.UsageException e) {
      System.err.println("scraper: " + e.getMessage() + "\n" + Help.USAGE + "\n" + Help.TRY);
      exitNow(ExitCodes.BAD_CONFIG);
      return;
    }
    if (cli.action != Cli.Action.RUN) {
      System.out.print(cli.action == Cli.Action.HELP ? Help.text() : Help.version() + "\n");
      System.out.flush();
      return;
    }
    // Netty 4.2 registers JFR events on its first buffer: 80 ms of JFR set-up on the first request, for nothing
    // unless someone records. -Dio.netty.jfr.enabled=true brings them back.
    if (System.getProperty("io.netty.jfr.enabled") == null) {
      System.setProperty("io.netty.jfr.enabled", "false");
    }
    // Netty logs to java.util.logging, where everything of ours ends up anyway, without first binding SLF4J
    io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
        io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE);
    // No SEVERE lines from Vert.x for resets and malformed responses: each such URL gets its own error record.
    QuietVertxLogs.installUnlessDebugging();
    if (cli.clustered()) {
      ClusterLaunch.prepare(); // before the config is read: a cluster node may have no jobs of its own
    }
    Path workDir = Path.of("").toAbsolutePath();
    QuickForm quick = cli.conf == null && (cli.quick.given() || Terminal.stdinHasInput()) ? cli.quick : null;
    Preload.tlsEarly(cli.conf, workDir);
    // The config is read and validated on its own thread while Vert.x starts (they overlap on a second core);
    // nothing is deployed, so nothing is fetched, until it has passed (see verticleSupplier).
    AtomicReference<ConfigOrigin> origin = new AtomicReference<>();
    CompletableFuture<ScraperConfig> config = CompletableFuture.supplyAsync(() -> {
      JsonObject root = quick != null ? quick.config(workDir, Terminal.stdinHasInput())
          : ConfigSource.load(cli.conf, workDir);
      origin.set(ConfigOrigin.of(quick != null ? null : cli.conf, workDir, root));
      ScraperConfig read = ConfigReader.read(root, workDir);
      List<String> unused = NodeOverrides.withoutHttp(read, System.getProperties());
      if (!unused.isEmpty()) {
        throw new ConfigException(unused);
      }
      Preload.tls(read);
      Preload.classes();
      return read;
    }, task -> new Thread(task, "scraper-config").start());
    ScraperApp app = new ScraperApp(cli.launcherArgs.toArray(new String[0]), config, quick, origin,
        cli.clustered());
    if (cli.launcherArgs.isEmpty() && DirectLaunch.applies()) {
      DirectLaunch.run(app);
    } else {
      app.launch();
    }
  }

  /** The validated config; on a problem, prints every problem and exits with code 2. */
  private ScraperConfig validated() {
    try {
      return config.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof ConfigException problems) {
        printProblems(quick == null ? problems.problems() : QuickForm.explain(problems.problems()),
            quick == null ? "the config is invalid" : "the options are invalid");
      } else {
        System.err.println("scraper: cannot read the config: " + e.getCause());
      }
      exitNow(ExitCodes.BAD_CONFIG);
      throw e;
    }
  }

  /** Exits at once, before anything is deployed (no shutdown hooks wait on Vert.x). */
  static void exitNow(int code) {
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(code);
  }

  private static void printProblems(List<String> problems, String what) {
    StringBuilder b = new StringBuilder("scraper: ").append(what).append(" (")
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
    Streams streams = Streams.decide(valid, quick);
    if (vertx != null && vertx.isClustered() && !valid.quiet() && !Boolean.getBoolean("scraper.quiet")) {
      System.err.println(ClusterLaunch.joined(vertx));
    }
    return () -> new MainVerticle(valid, streams, this::exit).reloadFrom(origin.get());
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

  /** With {@code -cluster}: Hazelcast, which the jar does not list for Vert.x to find by itself. */
  @Override
  public VertxBuilder createVertxBuilder(VertxOptions options) {
    return clustered ? ClusterLaunch.builder(options) : VertxApplicationHooks.super.createVertxBuilder(options);
  }

  /**
   * With {@code -cluster}: a bad config exits with 2 before the node joins anyone, and the event bus listens on
   * 127.0.0.1 unless an address was given (every option is applied by now).
   */
  @Override
  public void beforeStartingVertx(HookContext context) {
    if (clustered) {
      validated();
      ClusterLaunch.eventBusOnLoopback(context.vertxOptions());
    }
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
    started(context.vertx());
  }

  /** Vert.x is up: it is closed before the process exits. */
  void started(Vertx vertx) {
    this.vertx = vertx;
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
