package dev.scraper.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.schedule.Every;
import dev.scraper.schedule.Trigger;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Claims without {@code -cluster}: nothing is asked and nothing waits, every run is this process's. (With a cluster:
 * ClusteredRunsTest and ClusteredBoardTest.)
 */
class RunClaimsTest {

  @Test
  void outsideAClusterEveryRunIsThisProcessesAtOnceAndTheFireIsNotWrapped() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      RunClaims claims = RunClaims.of(vertx);
      assertSame(RunClaims.NONE, claims);
      assertSame(RunClaims.NONE, RunClaims.of(ClusterNode.of(vertx)));
      assertFalse(claims.clustered());
      Future<Boolean> once = claims.once("news");
      assertTrue(once.isComplete() && once.result(), "decided at once, without a cluster map");
      Future<List<String>> mine = claims.mine(List.of("a", "b"), s -> s);
      assertTrue(mine.isComplete());
      assertEquals(List.of("a", "b"), mine.result());
      Trigger.Fire fire = firing -> Future.succeededFuture();
      assertSame(fire, claims.slots("news", new Every(Duration.ofSeconds(1), Duration.ZERO), fire, p -> {
      }));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theStartKeyNamesTheJobAndTheClusterLife() {
    assertEquals("news@start:3f2a", RunClaims.startKey("news", "3f2a"));
  }
}
