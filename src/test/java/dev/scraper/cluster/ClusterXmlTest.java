package dev.scraper.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MultiMapConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Hazelcast configs we ship, as Hazelcast reads them: the jar's (loopback only) and conf/cluster.xml (the example
 * for several machines) say the same but for the addresses: no multicast and no discovery, no call home, Hazelcast
 * listening on the chosen interface only, and the maps Vert.x needs and ours with one backup each.
 */
class ClusterXmlTest {

  @Test
  void theJarsConfigKeepsEveryNodeOnLoopback() {
    Config config = new ClasspathXmlConfig("cluster.xml");
    assertSafe(config);
    assertEquals(List.of("127.0.0.1"), List.copyOf(config.getNetworkConfig().getInterfaces().getInterfaces()));
    assertTrue(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers().stream()
        .allMatch(m -> m.startsWith("127.0.0.1")));
  }

  @Test
  void theExampleForSeveralMachinesSaysTheSameButForTheAddresses() throws Exception {
    Config example = new FileSystemXmlConfig(Path.of("conf", "cluster.xml").toFile());
    assertSafe(example);
    Config jar = new ClasspathXmlConfig("cluster.xml");
    assertEquals(jar.getProperties(), example.getProperties());
    assertEquals(jar.getClusterName(), example.getClusterName());
    assertEquals(List.of("10.0.0.11", "10.0.0.12", "10.0.0.13"),
        example.getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
    assertEquals(List.of("10.0.0.*"), List.copyOf(example.getNetworkConfig().getInterfaces().getInterfaces()));
  }

  private static void assertSafe(Config config) {
    assertEquals("false", config.getProperty("hazelcast.phone.home.enabled"));
    assertEquals("false", config.getProperty("hazelcast.socket.bind.any"));
    assertEquals("jdk", config.getProperty("hazelcast.logging.type"));
    JoinConfig join = config.getNetworkConfig().getJoin();
    assertFalse(join.getMulticastConfig().isEnabled());
    assertFalse(join.getAutoDetectionConfig().isEnabled());
    assertTrue(join.getTcpIpConfig().isEnabled());
    assertTrue(config.getNetworkConfig().getInterfaces().isEnabled());
    assertTrue(config.getMultiMapConfigs().containsKey("__vertx.subs"));
    assertTrue(config.getMapConfigs().keySet().containsAll(List.of("__vertx.haInfo", "__vertx.nodeInfo", "scraper.*")),
        config.getMapConfigs().keySet().toString());
    MultiMapConfig subs = config.getMultiMapConfig("__vertx.subs");
    assertEquals(1, subs.getBackupCount());
    assertEquals(MultiMapConfig.ValueCollectionType.SET, subs.getValueCollectionType());
    for (String map : List.of("__vertx.haInfo", "__vertx.nodeInfo", "scraper.claims", "scraper.runs")) {
      assertEquals(1, config.getMapConfig(map).getBackupCount(), map);
    }
  }
}
