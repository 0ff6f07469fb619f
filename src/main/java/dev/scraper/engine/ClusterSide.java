package dev.scraper.engine;

import dev.scraper.cluster.ClusterNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The engine in a cluster: its runs' hosts leased to the members ({@link Sharing}) and the URLs it fetches for the
 * runs of others ({@link Lending}); a member that leaves has its leases ended at once. Without {@code -cluster},
 * every lease is this node's and nothing is lent. Event-loop owned.
 */
final class ClusterSide {
  private ClusterNode node;
  private Sharing sharing;
  private Lending lending;
  private RunAdopter adopter;

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

  /** URLs this node fetches for other nodes' runs now. */
  int lentInFlight() {
    return lending == null ? 0 : lending.inFlight();
  }

  /** Hosts this node fetches for other nodes' runs now. */
  int lentHosts() {
    return lending == null ? 0 : lending.hosts();
  }
}
