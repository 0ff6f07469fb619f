package dev.scraper.cluster;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * This process as a member of the cluster: its id (Vert.x's node id), a name people read, the members now, word when
 * one joins or leaves, and claims (a key taken once cluster-wide). A process started without {@code -cluster} is a
 * cluster of one: every claim is its own and no member ever leaves. Thread-safe; listeners run on the context they
 * were registered with.
 */
public final class ClusterNode {
  /** The cluster map of claims (a key to the id of the node that took it). */
  static final String CLAIMS = "scraper.claims";
  private final Vertx vertx;
  private final String id;
  private final String name;
  private final Members members;
  private final List<Listener> left = new CopyOnWriteArrayList<>();
  private final List<Listener> joined = new CopyOnWriteArrayList<>();

  private record Listener(Context context, Consumer<String> action) {
  }

  /** What the cluster manager tells: the members, and changes to them. */
  interface Members {
    String self();

    List<String> now();

    /** Calls {@code joined} and {@code left} with a member's id, from any thread. */
    void watch(Consumer<String> joined, Consumer<String> left);

    /** Destroys the cluster map {@code name} (its entries and its structures on every member), in the background. */
    default void drop(String name) {
    }
  }

  private ClusterNode(Vertx vertx, Members members, String name) {
    this.vertx = vertx;
    this.members = members;
    this.id = members.self();
    this.name = name != null ? name : nameOf();
    members.watch(id -> tell(joined, id), id -> tell(left, id));
  }

  /** This process: a member of the cluster when Vert.x is clustered, else a cluster of one. */
  public static ClusterNode of(Vertx vertx) {
    return of(vertx, null);
  }

  /** As {@link #of(Vertx)}, named {@code name} (null: as {@link #name()} says); several nodes in one JVM. */
  public static ClusterNode of(Vertx vertx, String name) {
    return new ClusterNode(vertx, vertx.isClustered() ? HazelcastMembers.of(vertx) : new Alone(), name);
  }

  /** Whether the process runs in a cluster ({@code -cluster}). */
  public boolean clustered() {
    return !(members instanceof Alone);
  }

  /** This node's id, unique in the cluster. */
  public String id() {
    return id;
  }

  /** The name people see in the API, the dashboard and the metrics: {@code -Dscraper.node.name}, else host-pid. */
  public String name() {
    return name;
  }

  /** The ids of the members now, this node's included. */
  public List<String> members() {
    return members.now();
  }

  /** Calls {@code action} on {@code context} with the id of each member that leaves (or is found dead). */
  public void onLeft(Context context, Consumer<String> action) {
    left.add(new Listener(context, action));
  }

  /** Calls {@code action} on {@code context} with the id of each member that joins. */
  public void onJoined(Context context, Consumer<String> action) {
    joined.add(new Listener(context, action));
  }

  /**
   * Takes {@code key} for this node if no node took it before: true when it is this node's. The claim lives in a
   * cluster map (one backup) for {@code ttlMs}, so a node that comes late, or a member that takes over, cannot take
   * it again; outside a cluster every claim succeeds.
   */
  public Future<Boolean> claim(String key, long ttlMs) {
    if (!clustered()) {
      return Future.succeededFuture(true);
    }
    return vertx.sharedData().<String, String>getAsyncMap(CLAIMS)
        .compose(map -> map.putIfAbsent(key, id, ttlMs))
        .map(before -> before == null || before.equals(id));
  }

  /** A cluster map (with one backup, see the jar's cluster.xml) by its name, which starts with "scraper.". */
  public <K, V> Future<AsyncMap<K, V>> map(String name) {
    return vertx.sharedData().getAsyncMap(name);
  }

  /** Destroys the cluster map {@code name} (a run's checkpoint, once the run ended); nothing outside a cluster. */
  public void drop(String name) {
    members.drop(name);
  }

  private void tell(List<Listener> listeners, String member) {
    for (Listener l : listeners) {
      l.context().runOnContext(v -> l.action().accept(member));
    }
  }

  private static String nameOf() {
    String given = System.getProperty("scraper.node.name");
    if (given != null && !given.isBlank()) {
      return given.strip();
    }
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "node";
    }
    return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
  }

  /** No cluster: this process alone. */
  private static final class Alone implements Members {
    @Override
    public String self() {
      return "local";
    }

    @Override
    public List<String> now() {
      return List.of("local");
    }

    @Override
    public void watch(Consumer<String> joined, Consumer<String> left) {
    }
  }
}
