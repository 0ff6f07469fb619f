package dev.scraper.app;

import dev.scraper.config.ConfigReader;
import dev.scraper.config.Defaults;
import dev.scraper.config.JobSpec;
import dev.scraper.config.ReloadRefused;
import dev.scraper.config.ScraperConfig;
import dev.scraper.cluster.ClusterNode;
import dev.scraper.cluster.NodeRegistry;
import dev.scraper.cluster.RunClaims;
import dev.scraper.engine.Engine;
import dev.scraper.job.ExitCodes;
import dev.scraper.job.JobResult;
import dev.scraper.state.StateConflictException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The application: deploys the engine, runs the config's jobs once as a {@link CliSession}, and hands the exit code
 * to {@code onExit} (the launcher exits the process with it). When a job has a schedule the process stays up
 * instead: the jobs without one run once, the others at their slots ({@link ScheduledJobs}), until SIGTERM or
 * SIGINT, which end it with 0 ({@link Signals}). With {@code -cluster} a slot, or a job without a schedule, runs on
 * the one node that claimed it ({@link RunClaims}), and a node without a schedule stays up too ({@link ClusterOnce}).
 * On shutdown the engine (deployed from here, so undeployed first) cancels what still runs; this verticle's stop
 * waits until the summaries are out.
 */
public final class MainVerticle extends VerticleBase {
  private final ScraperConfig given;
  private final Streams streams;
  private final IntConsumer onExit;
  private final Promise<Void> reported = Promise.promise();
  /** The jobs with a schedule, or null when every job runs once (the process then exits when they end). */
  private ScheduledJobs scheduled;
  private Engine engine;
  /** The management API, or null when the config has no "http". */
  private ApiMode api;
  /** Where the config came from, for a reload (SIGHUP, POST /reload); null: given as JSON, cannot be read again. */
  private ConfigOrigin origin;
  /** Which runs are this node's: all of them without -cluster. */
  private RunClaims claims = RunClaims.NONE;

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

  /** The config can be read again from {@code origin} on SIGHUP (or POST /reload). */
  MainVerticle reloadFrom(ConfigOrigin origin) {
    this.origin = origin;
    return this;
  }

  /** Joins the cluster's registry of nodes first: a node of another scraper version exits with 2, running nothing. */
  @Override
  public Future<?> start() {
    return NodeRegistry.join(vertx, ClusterNode.of(vertx), NodeRegistry.version()).compose(this::begin, e -> {
      reported.tryComplete();
      System.err.println("scraper: " + (e instanceof NodeRegistry.Refused ? "" : "cannot join the cluster: ")
          + e.getMessage());
      // once the deployment has completed: a close during it would fail it, and the launcher exit with its own code
      context.runOnContext(v -> onExit.accept(ExitCodes.BAD_CONFIG));
      return Future.succeededFuture();
    });
  }

  private Future<?> begin(NodeRegistry nodes) {
    ScraperConfig config = given != null ? given
        : ConfigReader.read(config(), Path.of("").toAbsolutePath());
    boolean quiet = config.quiet() || Boolean.getBoolean("scraper.quiet");
    ScraperConfig effective = new ScraperConfig(config.jobs(), config.outputDir(), quiet,
        config.memoryBudgetBytes(), config.dataDir(), config.fresh() || Boolean.getBoolean("scraper.fresh"),
        config.http(), config.shutdownGraceMs(), config.jsonLog());
    if (effective.jsonLog()) { // before the first reporter is made
      dev.scraper.sink.LogFormat.json(true);
    }
    Streams io = streams != null ? streams : Streams.of(effective);
    // a one-shot run without dataDir sees each URL once: nothing to remember for change detection
    boolean oneShot = effective.http() == null && effective.dataDir() == null
        && effective.jobs().stream().allMatch(j -> j.schedule() == null);
    Engine engine = new Engine(effective.memoryBudgetBytes(), oneShot ? 0 : Defaults.CHANGE_ENTRIES);
    ClusterNode node = ClusterNode.of(vertx); // a cluster of one without -cluster
    engine.cluster(node, new Adoption(vertx, engine, effective.outputDir(), effective.dataDir(),
        System.err::println));
    claims = RunClaims.of(node); // with -cluster: a slot, or a job without a schedule, runs on one node
    engine.shutdownGrace(effective.shutdownGraceMs());
    if (effective.http() != null) { // the process stays up; the API runs every job
      reported.tryComplete();
      api = new ApiMode(vertx, engine, io, nodes);
      api.start(effective, onExit, new Reload(vertx, origin, System.err::println));
      return Future.succeededFuture();
    }
    List<JobSpec> scheduled = effective.jobs().stream().filter(j -> j.schedule() != null).toList();
    if (!scheduled.isEmpty()) {
      Signals.exitZeroWhenStopped(engine);
      this.engine = engine;
      this.scheduled = new ScheduledJobs(vertx, engine, scheduled, io, effective.dataDir()).claiming(claims);
    }
    vertx.deployVerticle(engine).onSuccess(id -> engine.engineContext().runOnContext(v -> {
      nodes.load(engine.load()); // GET /nodes on the other nodes shows this one's figures (ApiMode: the API does it)
      if (this.scheduled == null) {
        runOnce(engine, effective, io, true);
        return;
      }
      // the outputs of scheduled jobs are taken first: if one is locked by another process, nothing runs
      this.scheduled.open().onSuccess(x -> {
        this.scheduled.start();
        reloadOnHangup(engine);
        List<JobSpec> once = effective.jobs().stream().filter(j -> j.schedule() == null).toList();
        if (once.isEmpty()) {
          reported.tryComplete();
        } else {
          runOnce(engine, effective.withJobs(once), io, false);
        }
      }).onFailure(e -> {
        reported.tryComplete();
        System.err.println("scraper: " + e.getMessage());
        onExit.accept(ExitCodes.OUTPUT_FAILED);
      });
    }));
    return Future.succeededFuture();
  }

  /** SIGHUP reads the config file again and applies it to the scheduled jobs ({@link ScheduleReload}). */
  private void reloadOnHangup(Engine engine) {
    Reload reload = new Reload(vertx, origin, System.err::println);
    Signals.onHangup(() -> engine.engineContext().runOnContext(v -> reload.run(diff -> engine.stopping()
        ? Future.failedFuture(new ReloadRefused(409, "the process is stopping"))
        : ScheduleReload.apply(scheduled, diff).onSuccess(x -> engine.shutdownGrace(
            diff.config().shutdownGraceMs())))));
  }

  /**
   * Runs the jobs of {@code config} once; with {@code exit}, the process then exits with their code (else it goes
   * on: scheduled jobs keep it up, and a failure to write is only reported). An output that cannot be opened at
   * start exits with 3 either way: nothing was fetched.
   */
  private void runOnce(Engine engine, ScraperConfig config, Streams io, boolean exit) {
    if (claims.clustered()) { // only the jobs this node claimed; a one-shot process stays up (ClusterOnce)
      ClusterOnce.claim(claims, engine, config, io, exit).onSuccess(mine -> runOnce(engine, mine, io, false, exit));
    } else {
      runOnce(engine, config, io, exit, false);
    }
  }

  /** With {@code stayUp} (a one-shot node of a cluster) the process says, once the runs end, that it stays up. */
  private void runOnce(Engine engine, ScraperConfig config, Streams io, boolean exit, boolean stayUp) {
    if (config.jobs().isEmpty()) { // a cluster's node whose jobs another node runs
      reported.tryComplete();
      return;
    }
    new CliSession(vertx, engine, config, io).run().onComplete(ar -> {
      reported.tryComplete();
      if (ar.failed()) { // an output could not be locked or opened, or saved state does not fit: no fetch
        System.err.println("scraper: " + ar.cause().getMessage());
        onExit.accept(ar.cause() instanceof StateConflictException ? ExitCodes.BAD_CONFIG : ExitCodes.OUTPUT_FAILED);
      } else if (exit) {
        finish(ar.result());
      } else {
        ar.result().stream().filter(r -> r.outputFailure() != null)
            .forEach(r -> System.err.println("scraper: " + r.outputFailure().getMessage()));
        if (stayUp) {
          ClusterOnce.stayingUp(io);
        }
      }
    });
  }

  private void finish(List<JobResult> results) {
    for (JobResult r : results) {
      if (r.outputFailure() != null) {
        System.err.println("scraper: " + r.outputFailure().getMessage()); // names the output file
      }
    }
    onExit.accept(ExitCodes.of(results));
  }

  /**
   * Waits (briefly) for the summaries of runs the engine's stop cancelled, and for the scheduled jobs to close their
   * outputs. The engine, deployed from here, is undeployed first: its shutdown grace is over before this starts, so
   * the 10 s below count from there (Vert.x's close, which runs both, is given 2 minutes by the shutdown hook).
   */
  @Override
  public Future<?> stop() {
    Future<?> done = api != null ? api.stop() : reported.future();
    if (scheduled != null) {
      Promise<Void> closed = Promise.promise();
      engine.engineContext().runOnContext(v -> scheduled.stop().onComplete(closed));
      done = Future.join(done, closed.future());
    }
    return done.timeout(10, java.util.concurrent.TimeUnit.SECONDS).recover(e -> Future.succeededFuture());
  }
}
