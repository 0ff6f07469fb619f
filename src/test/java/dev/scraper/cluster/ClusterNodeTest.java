package dev.scraper.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClusterNodeTest {
  private static List<Vertx> nodes;

  @BeforeAll
  static void cluster() throws Exception {
    nodes = Clusters.start(3);
  }

  @AfterAll
  static void close() {
    Clusters.close(nodes);
  }

  @Test
  void everyMemberSeesAllThreeAndItselfAmongThem() {
    for (Vertx v : nodes) {
      ClusterNode node = ClusterNode.of(v);
      assertTrue(node.clustered());
      assertEquals(3, node.members().size());
      assertTrue(node.members().contains(node.id()));
    }
  }

  @Test
  void aKeyIsClaimedByExactlyOneOfThreeNodesClaimingAtOnce() throws Exception {
    String key = "job@" + System.nanoTime();
    List<Future<Boolean>> claims = new ArrayList<>();
    for (Vertx v : nodes) {
      claims.add(ClusterNode.of(v).claim(key, 60_000));
    }
    Future.all(claims).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertEquals(1, claims.stream().filter(Future::result).count());
    // and a node asking again later does not get it either, unless it is the one that has it
    for (int i = 0; i < nodes.size(); i++) {
      boolean again = ClusterNode.of(nodes.get(i)).claim(key, 60_000).toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      assertEquals(claims.get(i).result(), again);
    }
  }

  @Test
  void aMemberThatLeavesIsNamedByItsNodeIdToTheOthers() throws Exception {
    List<Vertx> more = new ArrayList<>(List.of(Clusters.join(Clusters.nameOf(nodes.get(0)))));
    try {
      String leaving = ClusterNode.of(more.get(0)).id();
      java.util.concurrent.CompletableFuture<String> left = new java.util.concurrent.CompletableFuture<>();
      Vertx watcher = nodes.get(0);
      ClusterNode.of(watcher).onLeft(watcher.getOrCreateContext(), left::complete);
      more.get(0).close();
      assertEquals(leaving, left.get(60, TimeUnit.SECONDS));
    } finally {
      Clusters.close(more);
    }
  }

  @Test
  void aProcessWithoutClusterIsAClusterOfOneThatGetsEveryClaim() throws Exception {
    Vertx alone = Vertx.vertx();
    try {
      ClusterNode node = ClusterNode.of(alone);
      assertFalse(node.clustered());
      assertEquals(List.of(node.id()), node.members());
      assertTrue(node.claim("k", 1000).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
    } finally {
      alone.close();
    }
  }
}
