package dev.scraper.engine;

import dev.scraper.cluster.ClusterNode;
import dev.scraper.config.Defaults;
import dev.scraper.config.JobSpec;
import dev.scraper.fetch.Fetcher;
import dev.scraper.job.RunIds;
import dev.scraper.memory.MemoryBudget;
import dev.scraper.parse.ParseStage;
import dev.scraper.polite.HostBoard;
import dev.scraper.polite.HostThrottle;
import dev.scraper.robots.RobotsRules;
import dev.scraper.sink.Sink;
import dev.scraper.state.ChangeLog;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The engine: one verticle on one event loop that issues every HTTP request of the process through one WebClient,
 * for as long as the process lives. It owns what every run shares (the client, the host board and throttle, the
 * robots.txt cache, the parse stage, the memory budget) and runs {@link Run}s (one execution of a job each, from
 * the command line, a schedule or the API). Nothing here is sized from the jobs known at start. Stopping it drains
 * and then cancels what still runs: every URL read gets its record before the runs' sinks are closed. Wiring only.
 */
public final class Engine extends VerticleBase {
  private final long memoryBudgetBytes;
  private final int changeEntries;
  private final Set<Run> runs = new LinkedHashSet<>();
  private Stages s;
  private Webhooks webhooks;
  private boolean stopping;
  /** Grace 0 until told: an engine on its own cancels at once; the app gives it the config's shutdownGraceMs. */
  private final GracefulStop graceful = new GracefulStop();
  private final ClusterSide cluster = new ClusterSide();

  /** An engine that keeps the last answers of {@link Defaults#CHANGE_ENTRIES} URLs. */
  public Engine(long memoryBudgetBytes) {
    this(memoryBudgetBytes, Defaults.CHANGE_ENTRIES);
  }

  /**
   * @param memoryBudgetBytes bytes for bodies and parses in memory (see {@link MemoryBudget})
   * @param changeEntries URLs whose last answers are kept for change detection (0: a process that runs each job once)
   */
  public Engine(long memoryBudgetBytes, int changeEntries) {
    this.memoryBudgetBytes = memoryBudgetBytes;
    this.changeEntries = changeEntries;
  }

  @Override
  public Future<?> start() {
    long origin = System.nanoTime();
    LongSupplier clock = () -> (System.nanoTime() - origin) / 1_000_000;
    HostThrottle throttle = new HostThrottle(clock);
    HostBoard board = new HostBoard(throttle, clock);
    MemoryBudget budget = new MemoryBudget(memoryBudgetBytes);
    Fetcher fetcher = Fetcher.create(vertx, budget);
    ParseStage parse = new ParseStage(vertx, Math.max(2, Runtime.getRuntime().availableProcessors()), budget);
    Dispatcher dispatcher = new Dispatcher(vertx, board);
    RobotsRules robots = new RobotsRules(vertx, (url, policy) -> RobotsFetch.fetch(s, url, policy));
    webhooks = new Webhooks(vertx);
    s = new Stages(vertx, fetcher, board, throttle, robots, new RobotsWaits(board, dispatcher), parse, budget,
        dispatcher, new Changes(changeEntries, ClusterChanges.of(vertx, cluster.node())),
        cluster.sharing(vertx, context));
    budget.onFreed(() -> {
      for (Run r : runs) {
        board.roomFreed(r.lane());
      }
      dispatcher.kick();
    });
    return cluster.lend(s);
  }

  /** This node in a cluster, and who adopts the runs of a node that died (null: none); call before deploying. */
  public void cluster(ClusterNode node, RunAdopter adopter) {
    cluster.node(node, adopter);
  }

  /** The engine's context: {@link #submit} and everything about runs happen on it. */
  public Context engineContext() {
    return context;
  }

  /**
   * Starts a run of {@code job} whose records go to {@code sink} (already open). Call on {@link #engineContext()}.
   *
   * @throws IllegalStateException when the engine is stopping
   */
  public Run submit(JobSpec job, Sink sink, RunListener listener) {
    return submit(job, RunIds.next(), sink, listener, null);
  }

  /** As {@link #submit(JobSpec, Sink, RunListener)}, with the run's id and the job's change state on disk (or null). */
  public Run submit(JobSpec job, String runId, Sink sink, RunListener listener, ChangeLog changes) {
    if (stopping) {
      throw new IllegalStateException("the engine is stopping; no new run of " + job.name());
    }
    SitemapReport sitemaps = new SitemapReport(job.name(), listener);
    RunListener heard = webhooks.around(job, listener);
    Run run = new Run(s, job, runId, UrlSources.of(vertx, job, new SitemapFetches(s, job.fetch()), sitemaps),
        sink, heard);
    run.changes().keepIn(changes);
    if (job.sitemap().any()) {
      sitemaps.countInto(run.stats().sitemaps());
    }
    runs.add(run);
    run.done().onComplete(ar -> runs.remove(run)).onComplete(ar -> webhooks.ended(heard));
    run.start();
    RunDeadline.arm(vertx, run, job.maxRunMs(), listener);
    return run;
  }

  /** How long {@link #stop} lets requests in flight finish before it cancels them, in ms; 0 during it ends it now. */
  public void shutdownGrace(long ms) {
    graceful.grace(ms);
  }

  /** Whether the engine is stopping: no run may start. */
  public boolean stopping() { return stopping; }

  /** The runs under way. */
  public List<Run> runs() { return List.copyOf(runs); }

  /** What this node is doing now (hosts, requests in flight, URLs fetched); read it on {@link #engineContext()}. */
  public dev.scraper.cluster.NodeLoad load() { return cluster; }

  /** URLs waiting in their hosts' lines, all runs together (0 before start). */
  public int waiting() { return s == null ? 0 : s.board().waiting(); }

  /**
   * Shutdown ({@link GracefulStop}): no run starts, no URL is read or started from here on; the requests in flight
   * may finish within the grace ({@link #shutdownGrace}), then every run still going gives each URL it read a
   * {@code cancelled} record and closes its sink; then the client and the parse workers close.
   */
  @Override
  public Future<?> stop() {
    stopping = true;
    if (s == null) {
      return Future.succeededFuture();
    }
    return cluster.stop().transform(x -> graceful.drain(vertx, runs)).transform(x -> GracefulStop.cancel(s, runs))
        .transform(x -> webhooks.sent()).transform(x -> Future.join(s.parse().close(), s.fetcher().close()));
  }
}
