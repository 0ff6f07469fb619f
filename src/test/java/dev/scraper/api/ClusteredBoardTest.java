package dev.scraper.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.cluster.Clusters;
import dev.scraper.testing.TestSite;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes of one cluster with the management API, started from the same config (each in a directory of its
 * own): the board's slots and its runs at start are claimed as the command line's are, while a run asked for through
 * the API runs on the node asked. About 30 s, most of it starting the cluster.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusteredBoardTest {
  private static final long EVERY_MS = 2_000;
  @TempDir
  Path dir;
  private List<Vertx> nodes;
  private Vertx web;
  private TestSite site;
  private final List<ApiHarness> apis = new ArrayList<>();
  private final List<Long> ticks = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    nodes = Clusters.start(3);
    web = Vertx.vertx();
    site = ApiHarness.await(TestSite.start(web));
    site.route("/tick", req -> {
      ticks.add(System.currentTimeMillis());
      req.response().putHeader("Content-Type", "text/html").end("<html><h1>tick</h1></html>");
    });
  }

  @AfterEach
  void stop() throws Exception {
    for (ApiHarness api : apis) {
      api.stop();
    }
    Clusters.close(nodes);
    ApiHarness.await(web.close());
  }

  private JsonObject job(String name, String path) {
    return new JsonObject().put("name", name).put("urls", new JsonArray().add(site.url(path)))
        .put("robotsTxt", false).put("extract", new JsonObject().put("title", "h1"))
        .put("output", new JsonObject().put("path", name + ".jsonl"));
  }

  /** Polls until the condition holds, at most 90 s (a busy machine starts runs late). */
  private void until(String what, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "; /tick at " + ticks);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
    }
  }

  @Test
  void slotsAndRunsAtStartAreClaimedAndARunAskedForRunsOnTheNodeAsked() throws Exception {
    JsonObject config = new JsonObject().put("jobs", new JsonArray()
        .add(job("tick", "/tick").put("schedule", new JsonObject().put("every", EVERY_MS + "ms")))
        .add(job("once", "/page/3.html")));
    for (int i = 0; i < nodes.size(); i++) {
      apis.add(ApiHarness.start(nodes.get(i), config.copy(), Files.createDirectories(dir.resolve("node" + i)),
          null));
    }
    until("four runs of tick", () -> ticks.size() >= 4);
    List<Long> at = new ArrayList<>(ticks);
    for (int i = 1; i < at.size(); i++) {
      assertTrue(at.get(i) - at.get(i - 1) >= EVERY_MS / 2, "two runs of one slot: " + at);
    }
    // by now every node had long decided about "once": one ran it
    assertEquals(1, site.hits("/page/3.html"));
    int ranOnce = -1;
    int runsOfTick = 0;
    for (int i = 0; i < apis.size(); i++) {
      JsonObject once = apis.get(i).json(HttpMethod.GET, "/jobs/once", 200);
      if (!once.getJsonArray("runs").isEmpty() || once.getValue("running") != null) {
        assertEquals(-1, ranOnce, "ran on two nodes");
        ranOnce = i;
      }
      runsOfTick += apis.get(i).json(HttpMethod.GET, "/jobs/tick", 200).getJsonArray("runs").size();
    }
    assertTrue(ranOnce >= 0);
    assertTrue(runsOfTick <= ticks.size(), runsOfTick + " runs of tick for " + ticks);

    // asked through the API, a node that did not run it at start runs it: no claim
    ApiHarness other = apis.get((ranOnce + 1) % apis.size());
    assertEquals(202, other.call(HttpMethod.POST, "/jobs/once/runs").statusCode());
    until("the run asked for", () -> site.hits("/page/3.html") == 2);
  }
}
