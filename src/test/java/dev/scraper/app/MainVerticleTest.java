package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.cluster.ClusterNode;
import dev.scraper.cluster.Clusters;
import dev.scraper.cluster.NodeRegistry;
import dev.scraper.config.ConfigReader;
import dev.scraper.config.ScraperConfig;
import dev.scraper.job.ExitCodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node started from a jar of another scraper version than the cluster's nodes (the version overridden with the
 * test-only {@code -Dscraper.version.override}) says so and exits with 2, having registered and run nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MainVerticleTest {
  @TempDir
  Path dir;

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void aNodeOfAnotherVersionExitsWithTwoBeforeItRunsAnything() throws Exception {
    List<Vertx> members = new ArrayList<>(Clusters.start(1));
    PrintStream err = System.err;
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    try {
      Vertx there = members.get(0);
      await(NodeRegistry.join(there, ClusterNode.of(there), NodeRegistry.version()));
      Vertx late = Clusters.join(Clusters.nameOf(there));
      members.add(late);
      Path output = dir.resolve("never.jsonl");
      ScraperConfig config = ConfigReader.read(new JsonObject().put("jobs", new JsonArray().add(new JsonObject()
          .put("name", "never").put("urls", new JsonArray().add("http://127.0.0.1:1/"))
          .put("output", new JsonObject().put("path", output.toString())))), dir);
      CompletableFuture<Integer> exit = new CompletableFuture<>();
      System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
      System.setProperty("scraper.version.override", "0.0.1-other");
      try {
        await(late.deployVerticle(new MainVerticle(config, new Streams(new PrintStream(new ByteArrayOutputStream()),
            false, false, false), exit::complete)));
      } finally {
        System.clearProperty("scraper.version.override");
        System.setErr(err);
      }
      assertEquals(ExitCodes.BAD_CONFIG, exit.get(30, TimeUnit.SECONDS));
      assertEquals("scraper: this node runs scraper 0.0.1-other but the cluster's node runs " + NodeRegistry.version()
          + "; start every node from the same jar\n", said.toString(StandardCharsets.UTF_8));
      AsyncMap<String, String> map = await(ClusterNode.of(late).map(NodeRegistry.MAP));
      assertNull(await(map.get(ClusterNode.of(late).id())), "the refused node is not listed");
      assertTrue(Files.notExists(output), "nothing ran: the job's output was never opened");
    } finally {
      System.setErr(err);
      Clusters.close(members);
    }
  }
}
