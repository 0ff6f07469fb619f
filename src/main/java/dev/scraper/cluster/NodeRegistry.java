package dev.scraper.cluster;

import dev.scraper.config.Defaults;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The nodes of the cluster and what each is doing. Every node puts its {@link NodeStatus} into the cluster map
 * {@value #MAP} (its id to the status as JSON) every {@value #PUBLISH_MS} ms, each entry living {@value #TTL_MS} ms,
 * so that any node lists them all with one read; an entry counts only while its node is a member, so a node that
 * leaves, or is found dead, drops off the list at once. A node joins only if the nodes already there run the same
 * scraper version ({@link #refusal}). Without {@code -cluster} it is the one node, and nothing is published. The
 * figures come from a {@link NodeLoad}; pages per second are taken over the last {@link PageRate#WINDOW_MS} ms.
 */
public final class NodeRegistry {
  /** The cluster map of the nodes: a node's id to its {@link NodeStatus} as a JSON string. */
  public static final String MAP = "scraper.nodes";
  /** How often a node puts its status into {@link #MAP}, in ms. */
  static final long PUBLISH_MS = 1_000;
  /** How long an entry lives unless put again, in ms: a node that stops publishing drops off after it. */
  static final long TTL_MS = 10_000;
  /**
   * Test only: the version this node says it runs instead of the jar's, to see a node of another version refused
   * ({@code -Dscraper.version.override=0.0.0-test}). Not for production use.
   */
  static final String VERSION_OVERRIDE = "scraper.version.override";
  private final Vertx vertx;
  private final ClusterNode node;
  private final String version;
  private final String joinedAt = Instant.now().toString();
  /** The cluster map, or null for a node without {@code -cluster} (the one node: nothing to publish). */
  private final AsyncMap<String, String> map;
  private final PageRate rate = new PageRate();
  private volatile NodeLoad load = NodeLoad.IDLE;
  private volatile String api;
  private volatile long timer = -1;

  private NodeRegistry(Vertx vertx, ClusterNode node, String version, AsyncMap<String, String> map) {
    this.vertx = vertx;
    this.node = node;
    this.version = version;
    this.map = map;
  }

  /** The version a node says it runs: the jar's ({@link Defaults#VERSION}), or the test override. */
  public static String version() {
    String given = System.getProperty(VERSION_OVERRIDE);
    return given == null || given.isBlank() ? Defaults.VERSION : given.strip();
  }

  /**
   * Registers {@code node}, once the version of every member already registered is {@code version}; fails with
   * {@link Refused} (its message says what to do) otherwise, having put nothing in the map. Call it before the
   * node runs anything. Two nodes of different versions joining in the same instant can both get in: the check
   * reads, then puts.
   */
  public static Future<NodeRegistry> join(Vertx vertx, ClusterNode node, String version) {
    if (!node.clustered()) {
      return Future.succeededFuture(new NodeRegistry(vertx, node, version, null));
    }
    return node.<String, String>map(MAP).compose(map -> map.entries().compose(entries -> {
      List<String> members = node.members();
      List<String> theirs = new ArrayList<>();
      entries.forEach((id, json) -> {
        if (!id.equals(node.id()) && members.contains(id)) {
          theirs.add(NodeStatus.fromJson(id, json).version());
        }
      });
      String refused = refusal(version, theirs);
      if (refused != null) {
        return Future.failedFuture(new Refused(refused));
      }
      NodeRegistry registry = new NodeRegistry(vertx, node, version, map);
      node.onLeft(vertx.getOrCreateContext(), id -> map.remove(id).otherwiseEmpty());
      return registry.publish().map(v -> {
        registry.arm();
        return registry;
      });
    }));
  }

  /**
   * Why a node of {@code mine} may not join nodes that run {@code theirs}, or null when it may (they all run the same,
   * or there are none).
   */
  public static String refusal(String mine, Collection<String> theirs) {
    Set<String> others = new TreeSet<>(theirs);
    if (others.isEmpty() || others.equals(Set.of(mine))) {
      return null;
    }
    return "this node runs scraper " + mine + " but the cluster's node" + (theirs.size() == 1 ? " runs " : "s run ")
        + String.join(", ", others) + "; start every node from the same jar";
  }

  /** This node's name, as the API, the dashboard and the metrics show it. */
  public String name() {
    return node.name();
  }

  /** This node. */
  public ClusterNode node() {
    return node;
  }

  /**
   * Where the figures come from from now on. Call on the context that may read {@code load} (the engine's): the
   * status is sampled there every {@value #PUBLISH_MS} ms.
   */
  public void load(NodeLoad load) {
    this.load = load;
    arm();
  }

  /** The management API's address ({@code http://host:port}), once it listens. */
  public void api(String address) {
    this.api = address;
  }

  /** Every node now, this one first, then by the time they joined; {@code self} is true for this one. */
  public Future<List<JsonObject>> list() {
    NodeStatus self = status(rate.peek(System.nanoTime(), load.pagesDone()));
    if (map == null) {
      return Future.succeededFuture(List.of(self.toJson(true)));
    }
    return map.entries().map(entries -> {
      List<String> members = node.members();
      List<NodeStatus> others = new ArrayList<>();
      for (Map.Entry<String, String> e : entries.entrySet()) {
        if (!e.getKey().equals(node.id()) && members.contains(e.getKey())) {
          others.add(NodeStatus.fromJson(e.getKey(), e.getValue()));
        }
      }
      others.sort(Comparator.comparing(NodeStatus::joinedAt, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(NodeStatus::name));
      List<JsonObject> out = new ArrayList<>(List.of(self.toJson(true)));
      others.forEach(s -> out.add(s.toJson(false)));
      return out;
    });
  }

  /** Stops publishing and takes this node off the list. */
  public Future<Void> close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    return map == null ? Future.succeededFuture() : map.remove(node.id()).mapEmpty();
  }

  /** (Re)starts the periodic sample, on the caller's context. */
  private void arm() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    timer = vertx.setPeriodic(PUBLISH_MS, id -> publish().otherwiseEmpty()); // the next second puts it again
  }

  private Future<Void> publish() {
    NodeStatus s = status(rate.sample(System.nanoTime(), load.pagesDone()));
    return map == null ? Future.succeededFuture() : map.put(node.id(), s.toJson(false).encode(), TTL_MS);
  }

  private NodeStatus status(double pagesPerSecond) {
    NodeLoad l = load;
    return new NodeStatus(node.name(), node.id(), version, api, joinedAt, l.hosts(), l.inFlight(), pagesPerSecond,
        l.pagesDone());
  }

  /** A node of another scraper version may not join; the message says what to do. */
  public static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message, null, false, false);
    }
  }
}
