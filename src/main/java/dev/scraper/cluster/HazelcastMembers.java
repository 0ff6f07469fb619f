package dev.scraper.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.function.Consumer;

/**
 * The members as Hazelcast sees them (a Vert.x node id is its Hazelcast member's UUID). A listener of our own is
 * added to Hazelcast's cluster: Vert.x's own node listener (its event bus and HA) stays as it is. The only class that
 * names Hazelcast's types, so they load only with {@code -cluster}. The cluster manager is reached through Vert.x's
 * internal API because Vert.x has no public API for them (the members and their changes).
 */
final class HazelcastMembers implements ClusterNode.Members {
  /** Where vertx-hazelcast keeps a member's Vert.x node id (private there). */
  private static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";
  private final ClusterManager manager;

  private HazelcastMembers(ClusterManager manager) {
    this.manager = manager;
  }

  static HazelcastMembers of(Vertx vertx) {
    return new HazelcastMembers(((VertxInternal) vertx).clusterManager());
  }

  @Override
  public String self() {
    return manager.getNodeId();
  }

  @Override
  public List<String> now() {
    return List.copyOf(manager.getNodes());
  }

  @Override
  public void watch(Consumer<String> joined, Consumer<String> left) {
    if (!(manager instanceof HazelcastClusterManager hazelcast)) {
      return;
    }
    hazelcast.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        joined.accept(idOf(event.getMember()));
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        left.accept(idOf(event.getMember()));
      }
    });
  }

  @Override
  public void drop(String name) {
    if (manager instanceof HazelcastClusterManager hazelcast) {
      java.util.concurrent.ForkJoinPool.commonPool().execute(() -> { // a call across the cluster: off the event loop
        try {
          hazelcast.getHazelcastInstance().getMap(name).destroy();
        } catch (RuntimeException e) {
          // the member is leaving: its maps go with it
        }
      });
    }
  }

  /** A member's Vert.x node id: the attribute vertx-hazelcast gives each member (not its Hazelcast UUID). */
  private static String idOf(Member member) {
    String id = member.getAttribute(NODE_ID_ATTRIBUTE);
    return id != null ? id : member.getUuid().toString();
  }
}
