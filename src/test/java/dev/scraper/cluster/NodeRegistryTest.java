package dev.scraper.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cluster's list of nodes: each node of two clustered Vert.x lists both, a node of another version is refused
 * before it is listed, one that leaves drops off, a process without -cluster is the one node; the version rule as a
 * table; pages per second over the window.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NodeRegistryTest {
  private static List<Vertx> members;
  private static NodeRegistry first;
  private static NodeRegistry second;

  @BeforeAll
  static void cluster() throws Exception {
    members = Clusters.start(2);
    first = await(NodeRegistry.join(members.get(0), ClusterNode.of(members.get(0)), "1.0.0"));
    second = await(NodeRegistry.join(members.get(1), ClusterNode.of(members.get(1)), "1.0.0"));
  }

  @AfterAll
  static void close() {
    Clusters.close(members);
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Polls until the condition holds, at most 30 s. */
  static void until(String what, Supplier<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20); // a poll interval, not a wait for an outcome
    }
  }

  private static List<JsonObject> list(NodeRegistry r) {
    try {
      return await(r.list());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Set<String> ids(List<JsonObject> nodes) {
    return nodes.stream().map(n -> n.getString("id")).collect(Collectors.toSet());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "1.0.0| ''| null",
      "1.0.0| 1.0.0 1.0.0| null",
      "0.9.0| 1.0.0| this node runs scraper 0.9.0 but the cluster's node runs 1.0.0; start every node from the same jar",
      "0.9.0| 1.0.0 1.0.0| this node runs scraper 0.9.0 but the cluster's nodes run 1.0.0; start every node from the"
          + " same jar",
      "1.0.0| 1.0.0 1.1.0| this node runs scraper 1.0.0 but the cluster's nodes run 1.0.0, 1.1.0; start every node"
          + " from the same jar"})
  void aNodeJoinsOnlyNodesOfItsOwnVersion(String mine, String theirs, String refusal) {
    List<String> versions = theirs.isBlank() ? List.of() : Arrays.asList(theirs.split(" "));
    assertEquals(refusal, NodeRegistry.refusal(mine, versions));
  }

  @Test
  void eachOfTwoNodesListsBothAndItselfAsSelf() throws Exception {
    for (NodeRegistry r : List.of(first, second)) {
      until("both nodes listed", () -> list(r).size() == 2);
      List<JsonObject> nodes = list(r);
      assertEquals(Set.of(first.node().id(), second.node().id()), ids(nodes));
      JsonObject self = nodes.get(0);
      assertEquals(r.node().id(), self.getString("id"), "this node comes first");
      assertTrue(self.getBoolean("self"));
      assertFalse(nodes.get(1).getBoolean("self"));
      for (JsonObject n : nodes) {
        assertEquals("1.0.0", n.getString("version"));
        assertEquals(r.name(), n.getString("name"), "one JVM: one name (host-pid)");
        assertTrue(n.containsKey("api") && n.containsKey("joinedAt") && n.containsKey("pagesPerSecond"), n.encode());
      }
    }
  }

  @Test
  void theOtherNodesFiguresComeFromItsLoad() throws Exception {
    first.load(new Fixed(3, 7, 42));
    first.api("http://127.0.0.1:8088");
    until("the first node's load seen by the second", () -> list(second).stream()
        .anyMatch(n -> n.getInteger("inFlight") == 7));
    JsonObject seen = list(second).stream().filter(n -> n.getString("id").equals(first.node().id())).findFirst()
        .orElseThrow();
    assertEquals(3, seen.getInteger("hosts"));
    assertEquals(42L, seen.getLong("pagesDone"));
    assertEquals("http://127.0.0.1:8088", seen.getString("api"));
  }

  @Test
  void aNodeOfAnotherVersionIsRefusedAndNotListed() throws Exception {
    Vertx late = Clusters.join(Clusters.nameOf(members.get(0)));
    try {
      ClusterNode node = ClusterNode.of(late);
      ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
          () -> await(NodeRegistry.join(late, node, "0.9.0")));
      NodeRegistry.Refused refused = assertInstanceOf(NodeRegistry.Refused.class, e.getCause());
      assertEquals("this node runs scraper 0.9.0 but the cluster's nodes run 1.0.0; start every node from the same"
          + " jar", refused.getMessage());
      AsyncMap<String, String> map = await(node.map(NodeRegistry.MAP));
      assertNull(await(map.get(node.id())), "a node refused puts nothing");
      assertEquals(Set.of(first.node().id(), second.node().id()), ids(list(first)));
    } finally {
      Clusters.close(List.of(late));
    }
  }

  @Test
  void aNodeThatLeavesDropsOffTheList() throws Exception {
    Vertx third = Clusters.join(Clusters.nameOf(members.get(0)));
    NodeRegistry r = await(NodeRegistry.join(third, ClusterNode.of(third), "1.0.0"));
    until("the third node listed", () -> ids(list(first)).contains(r.node().id()));
    Clusters.close(List.of(third));
    until("the third node gone", () -> !ids(list(first)).contains(r.node().id()));
  }

  @Test
  void withoutClusterTheProcessIsTheOneNode() throws Exception {
    Vertx alone = Vertx.vertx();
    try {
      NodeRegistry r = await(NodeRegistry.join(alone, ClusterNode.of(alone), NodeRegistry.version()));
      List<JsonObject> nodes = list(r);
      assertEquals(1, nodes.size());
      assertEquals(NodeRegistry.version(), nodes.get(0).getString("version"));
      assertTrue(nodes.get(0).getBoolean("self"));
      assertEquals(r.name(), nodes.get(0).getString("name"));
    } finally {
      await(alone.close());
    }
  }

  @Test
  void pagesPerSecondAreOverTheLastTenSeconds() {
    PageRate rate = new PageRate();
    long s = 1_000_000_000L;
    assertEquals(0, rate.sample(0, 0));
    for (int t = 1; t <= 10; t++) {
      rate.sample(t * s, t * 5L); // 5 pages/s for 10 s
    }
    for (int t = 11; t <= 20; t++) {
      rate.sample(t * s, 50 + (t - 10) * 20L); // then 20 pages/s
    }
    assertEquals(20.0, rate.peek(20 * s, 250), 0.01, "the first ten seconds are out of the window");
    assertEquals(20.0, rate.sample(21 * s, 270), 0.01);
  }

  private record Fixed(int hosts, int inFlight, long pagesDone) implements NodeLoad {
  }
}
