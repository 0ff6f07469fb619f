package dev.scraper.app;

import dev.scraper.cluster.ClusterNode;
import com.hazelcast.cluster.Address;
import dev.scraper.config.NodeOverrides;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.spi.cluster.NodeInfo;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What {@code -cluster} changes at start-up, and the only class of the app that names Hazelcast, so that a run
 * without {@code -cluster} loads none of it (the jar lists no cluster manager for Vert.x to find on its own):
 * <ul>
 *   <li>the cluster manager, Hazelcast with the jar's cluster.xml or {@code -Dvertx.hazelcast.config=<file>};</li>
 *   <li>the event bus listens on 127.0.0.1 unless {@code -cluster-host} (or the event bus options) names an
 *   address: Vert.x would otherwise pick one of the machine's interfaces, and the event bus has no
 *   authentication;</li>
 *   <li>Hazelcast logs WARNING and above only (not its logo, its settings and each member list), and one line of
 *   ours says that the node joined; {@code -Dscraper.debug=true} brings Hazelcast's INFO lines back;</li>
 *   <li>the config may have {@code "jobs": []}: a node that only takes work from the others.</li>
 * </ul>
 */
final class ClusterLaunch {
  /** Where the event bus listens when no address is given. */
  static final String LOOPBACK = "127.0.0.1";
  /** The loggers whose level was set here. JUL holds loggers weakly: one collected would come back bare. */
  private static final List<Logger> QUIETED = new ArrayList<>();
  /** The cluster manager handed to Vert.x, once it is. */
  private static volatile HazelcastClusterManager manager;

  private ClusterLaunch() {
  }

  /** Before the config is read and Hazelcast starts: marks the process as clustered, quiets Hazelcast. */
  static void prepare() {
    System.setProperty(NodeOverrides.CLUSTER, "true");
    if (!Boolean.getBoolean(QuietVertxLogs.DEBUG_PROPERTY)) {
      quietHazelcast();
    }
  }

  /**
   * Hazelcast at WARNING, and its CP Subsystem at SEVERE: it warns on every start that the CP Subsystem is off,
   * which Vert.x's locks and counters do not use (they live in maps). A level set by a logging config is kept.
   */
  static synchronized void quietHazelcast() {
    level("com.hazelcast", Level.WARNING);
    level("com.hazelcast.cp.CPSubsystem", Level.SEVERE);
  }

  private static void level(String name, Level level) {
    Logger logger = Logger.getLogger(name);
    if (logger.getLevel() == null) {
      logger.setLevel(level);
      QUIETED.add(logger);
    }
  }

  /** A Vert.x builder with Hazelcast as its cluster manager (the jar's launcher hook). */
  static VertxBuilder builder(VertxOptions options) {
    manager = new HazelcastClusterManager();
    return Vertx.builder().with(options).withClusterManager(manager);
  }

  /** The event bus on 127.0.0.1 when neither {@code -cluster-host} nor the options chose its address. */
  static void eventBusOnLoopback(VertxOptions options) {
    EventBusOptions bus = options.getEventBusOptions();
    if (bus.getHost() == null) {
      bus.setHost(LOOPBACK);
    }
  }

  /**
   * The line that says this node joined: its name, the members, where Hazelcast and the event bus listen, and a hint
   * when the event bus is on loopback while Hazelcast is not (the other machines could not reach this node).
   */
  static String joined(Vertx vertx) {
    ClusterNode node = ClusterNode.of(vertx);
    int members = node.members().size();
    Address member = manager.getHazelcastInstance().getCluster().getLocalMember().getAddress();
    NodeInfo bus = manager.getNodeInfo();
    String line = "scraper: joined the cluster as " + node.name() + " (" + members
        + (members == 1 ? " member" : " members") + "; cluster port " + member.getHost() + ":" + member.getPort()
        + ", event bus " + bus.host() + ":" + bus.port() + ")";
    if (bus.host().startsWith("127.") && !member.getHost().startsWith("127.")) {
      line += "\nscraper: the event bus listens on " + bus.host() + " only: give -cluster-host " + member.getHost()
          + " so that the other machines reach this node";
    }
    return line;
  }
}
