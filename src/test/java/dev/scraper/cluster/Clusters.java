package dev.scraper.cluster;

import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.config.Config;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Several clustered Vert.x instances in one test JVM, Hazelcast members on 127.0.0.1 with the jar's own cluster.xml
 * under a cluster name of their own (so that no other test's or process's members join them). Blocking: call from a
 * test's set-up, not from an event loop.
 */
public final class Clusters {
  private Clusters() {
  }

  /** {@code n} members of one new cluster, each joined before the next starts. */
  public static List<Vertx> start(int n) throws Exception {
    String name = "test-" + UUID.randomUUID();
    List<Vertx> nodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      nodes.add(join(name));
    }
    return nodes;
  }

  /** One more member of the cluster {@code name}. */
  public static Vertx join(String name) throws Exception {
    Config config = new ClasspathXmlConfig("cluster.xml");
    config.setClusterName(name);
    VertxOptions options = new VertxOptions().setEventLoopPoolSize(2);
    options.getEventBusOptions().setHost("127.0.0.1");
    return Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(config)).buildClustered()
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** The cluster name of a member, to join another to it. */
  public static String nameOf(Vertx member) {
    return ((HazelcastClusterManager) ((io.vertx.core.internal.VertxInternal) member).clusterManager())
        .getHazelcastInstance().getConfig().getClusterName();
  }

  /** Closes every member still open (a killed one is closed already), each within 30 s. */
  public static void close(List<Vertx> nodes) {
    for (Vertx v : nodes) {
      try {
        v.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // closed already, or gone: the next one still closes
      }
    }
  }
}
