package dev.scraper.app;

import dev.scraper.cluster.RunClaims;
import dev.scraper.config.JobSpec;
import dev.scraper.config.ScraperConfig;
import dev.scraper.engine.Engine;
import dev.scraper.sink.LogFormat;
import io.vertx.core.Future;
import java.util.List;

/**
 * The jobs without a schedule of a node started with {@code -cluster}: each runs once per cluster start, on the node
 * that claimed it ({@link RunClaims#once}); the others say so once and leave it. Such a node does not exit when its
 * runs end, or at once when it has none: the other nodes' runs may fetch through it, so it stays up as a worker of
 * the cluster until SIGTERM or SIGINT, which end it with 0.
 */
final class ClusterOnce {
  private ClusterOnce() {
  }

  /**
   * The config with only the jobs this node claimed (none when the cluster cannot say: twice is worse than not
   * here). With {@code oneShot} (the process would exit after these runs) it stays up from now on, said when this
   * node runs none of them (else after its runs: {@link #stayingUp}). Never fails.
   */
  static Future<ScraperConfig> claim(RunClaims claims, Engine engine, ScraperConfig config, Streams io,
                                     boolean oneShot) {
    if (oneShot) {
      Signals.exitZeroWhenStopped(engine);
    }
    return claims.mine(config.jobs(), JobSpec::name).map(mine -> {
      config.jobs().stream().filter(j -> !mine.contains(j)).forEach(j -> say(io, "info", "scraper: job " + j.name()
          + " runs on another node of the cluster (once per cluster start)"));
      return mine;
    }).recover(e -> {
      say(io, "warn", "scraper: the cluster cannot say which jobs are this node's; none of "
          + config.jobs().stream().map(JobSpec::name).toList() + " runs here: " + e.getMessage());
      return Future.succeededFuture(List.<JobSpec>of());
    }).map(mine -> {
      if (oneShot && mine.isEmpty()) {
        stayingUp(io);
      }
      return config.withJobs(mine);
    });
  }

  /** Says that this one-shot node, its runs over, stays up for the cluster. */
  static void stayingUp(Streams io) {
    say(io, "info", "scraper: this node stays up as a worker of the cluster (its other nodes' runs may fetch through"
        + " it) until SIGTERM or SIGINT");
  }

  private static void say(Streams io, String level, String line) {
    io.human().print(LogFormat.json() ? LogFormat.line(level, line, null) : line + "\n");
    io.human().flush();
  }
}
