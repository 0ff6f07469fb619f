package dev.scraper.engine;

import dev.scraper.cluster.ClusterNode;
import dev.scraper.cluster.NodeLoad;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The engine in a cluster: its runs' hosts leased to the members ({@link Sharing}) and the URLs it fetches for the
 * runs of others ({@link Lending}); a member that leaves has its leases ended at once. Without {@code -cluster},
 * every lease is this node's and nothing is lent. It is the node's {@link NodeLoad} too, for the cluster's registry
 * of nodes (whether or not the process has the API). Event-loop owned.
 */
final class ClusterSide implements NodeLoad {
  private ClusterNode node;
  private Sharing sharing;
  private Lending lending;
  private RunAdopter adopter;
  private Stages s;

  /** This node and who adopts the runs of a node that died (null: none); set before the engine starts. */
  void node(ClusterNode node, RunAdopter adopter) {
    this.node = node;
    this.adopter = adopter;
  }

  /** This node, or null when not told. */
  ClusterNode node() {
    return node;
  }

  Sharing sharing(Vertx vertx, Context context) {
    sharing = new Sharing(vertx, node);
    if (node != null && node.clustered()) {
      node.onLeft(context, sharing::left);
      if (adopter != null) {
        Takeover takeover = new Takeover(vertx, node, sharing, context, adopter);
        node.onLeft(context, takeover::left);
      }
    }
    return sharing;
  }

  /** Starts fetching for other nodes' runs (clustered only). */
  Future<Void> lend(Stages s) {
    this.s = s;
    if (node == null || !node.clustered()) {
      return Future.succeededFuture();
    }
    lending = new Lending(s, node.name());
    return lending.start(node.id());
  }

  /** Hands back what this node fetches for others, and takes no more. */
  Future<Void> stop() {
    return lending == null ? Future.succeededFuture() : lending.stop();
  }

  /**
   * Requests in flight on this node: its runs' own (the host board's, less the URLs other nodes fetch for them, each
   * of which holds a start slot here) and those it fetches for other nodes' runs.
   */
  @Override
  public int inFlight() {
    if (s == null) {
      return 0;
    }
    int out = sharing.sent().values().stream().mapToInt(Integer::intValue).sum();
    return s.board().inFlight() - out + (lending == null ? 0 : lending.inFlight());
  }

  /** Hosts this node fetches from now, for its runs (not a host whose URLs in flight all went elsewhere) or others'. */
  @Override
  public int hosts() {
    if (s == null) {
      return 0;
    }
    Set<String> here = new HashSet<>(lending == null ? Set.of() : lending.hostKeys());
    Map<String, Integer> sent = sharing.sent();
    s.board().inFlightByHost().forEach((host, n) -> {
      if (n > sent.getOrDefault(host, 0)) {
        here.add(host);
      }
    });
    return here.size();
  }

  /** URLs this node fetched: for its runs and for other nodes' runs. */
  @Override
  public long pagesDone() {
    return (sharing == null ? 0 : sharing.fetchedHere()) + (lending == null ? 0 : lending.done());
  }
}
