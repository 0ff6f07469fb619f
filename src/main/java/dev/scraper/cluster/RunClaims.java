package dev.scraper.cluster;

import dev.scraper.schedule.Schedule;
import dev.scraper.schedule.SlotClaims;
import dev.scraper.schedule.Trigger;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Who runs what in a cluster whose nodes share one config: a scheduled job's slot runs on the one node that claimed
 * it ({@link SlotClaims}); a job without a schedule runs once per cluster start, on the node that claimed {@code
 * "<job>@start:<cluster start id>"}. The start id is put once into the cluster map {@value #CLUSTER} by the first
 * node that asks, and read by the others: the same for every node while any member lives, new once the whole
 * cluster was down. A run asked for through the API is the node's that was asked: no claim. Outside a cluster
 * ({@link #NONE}) nothing is asked and every run is this process's. Claims are asked from the event loop.
 */
public final class RunClaims {
  /** No cluster: every claim is this process's at once. */
  public static final RunClaims NONE = new RunClaims(null);
  /** The cluster map of the cluster's own facts; {@value #START} is the id of this cluster life. */
  static final String CLUSTER = "scraper.cluster";
  static final String START = "start";
  /** How long a start claim is kept: longer than a cluster lives, in practice. */
  static final Duration START_TTL = Duration.ofDays(400);
  private static final Future<Boolean> MINE = Future.succeededFuture(true);
  private final ClusterNode node;
  private Future<String> startId;

  private RunClaims(ClusterNode node) {
    this.node = node;
  }

  /** The claims of {@code node}: {@link #NONE} when it is a cluster of one. */
  public static RunClaims of(ClusterNode node) {
    return node.clustered() ? new RunClaims(node) : NONE;
  }

  /** The claims of this process: {@link #NONE} unless Vert.x is clustered (nothing is looked up then). */
  public static RunClaims of(Vertx vertx) {
    return vertx.isClustered() ? of(ClusterNode.of(vertx)) : NONE;
  }

  /** Whether runs are claimed (the process is in a cluster). */
  public boolean clustered() {
    return node != null;
  }

  /**
   * {@code fire}, run only for the slots of {@code job} this node claims (a catch-up after a restart too); {@code
   * fire} itself outside a cluster. {@code problem} hears of a slot not run because the cluster could not answer.
   */
  public Trigger.Fire slots(String job, Schedule schedule, Trigger.Fire fire, Consumer<String> problem) {
    return node == null ? fire : SlotClaims.claiming(job, schedule, node::claim, Clock.systemUTC(), fire, problem);
  }

  /** Claims the one run of {@code job} (no schedule) of this cluster life: true when this node runs it. */
  public Future<Boolean> once(String job) {
    if (node == null) {
      return MINE;
    }
    return startId().compose(id -> node.claim(startKey(job, id), START_TTL.toMillis()));
  }

  /** Of {@code jobs} (without a schedule), those this node claimed the run of, in their order. */
  public <T> Future<List<T>> mine(List<T> jobs, Function<T, String> name) {
    if (node == null) {
      return Future.succeededFuture(jobs);
    }
    List<Future<Boolean>> claims = jobs.stream().map(j -> once(name.apply(j))).toList();
    return Future.all(claims).map(x -> {
      List<T> mine = new ArrayList<>();
      for (int i = 0; i < jobs.size(); i++) {
        if (claims.get(i).result()) {
          mine.add(jobs.get(i));
        }
      }
      return mine;
    });
  }

  /** The claim key of the job's run at the cluster start {@code startId}. */
  static String startKey(String job, String startId) {
    return job + "@start:" + startId;
  }

  /** The id of this cluster life: the first node's, put once; asked again after a failure. */
  Future<String> startId() {
    if (startId == null) {
      String mine = UUID.randomUUID().toString();
      startId = node.<String, String>map(CLUSTER).compose(m -> putFirst(m, mine));
      startId.onFailure(e -> startId = null);
    }
    return startId;
  }

  private static Future<String> putFirst(AsyncMap<String, String> map, String mine) {
    return map.putIfAbsent(START, mine).map(before -> before == null ? mine : before);
  }
}
