package dev.scraper.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.cluster.ClusterNode;
import dev.scraper.cluster.Clusters;
import dev.scraper.cluster.NodeRegistry;
import dev.scraper.config.ConfigReader;
import dev.scraper.config.ScraperConfig;
import dev.scraper.testing.InFlightCounter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's URLs are fetched by every node of a cluster, by host: each record is written once by the run's owner, a
 * host's perHost cap holds across the nodes (the test's servers count requests in flight per host), and a node that
 * dies or stops mid-run has its URLs fetched by the others.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterSharingTest {
  private static final int HOSTS = 12;
  private static final int PER_HOST = 8;
  @TempDir
  Path dir;
  private final InFlightCounter counter = new InFlightCounter();
  private final AtomicInteger served = new AtomicInteger();
  private Vertx site;
  private final List<Integer> ports = new ArrayList<>();
  private List<Vertx> nodes;
  private final List<Engine> engines = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    site = Vertx.vertx();
    for (int i = 0; i < HOSTS; i++) {
      HttpServer server = site.createHttpServer().requestHandler(req -> {
        String host = req.getHeader("Host");
        counter.enter(host);
        served.incrementAndGet();
        site.setTimer(40, t -> {
          counter.leave(host);
          req.response().putHeader("Content-Type", "text/html")
              .end("<html><head><title>t</title></head><body><h1>" + req.path() + "</h1></body></html>");
        });
      });
      ports.add(server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
          .actualPort());
    }
    nodes = Clusters.start(3);
    for (int i = 0; i < nodes.size(); i++) {
      Engine engine = new Engine(64L << 20);
      engine.cluster(ClusterNode.of(nodes.get(i), "node" + i), null);
      nodes.get(i).deployVerticle(engine).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      engines.add(engine);
    }
  }

  @AfterEach
  void stop() throws Exception {
    Clusters.close(nodes);
    site.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private ScraperConfig config() {
    JsonArray urls = new JsonArray();
    for (int p : ports) {
      for (int i = 0; i < PER_HOST; i++) {
        urls.add("http://127.0.0.1:" + p + "/page/" + i);
      }
    }
    JsonObject job = new JsonObject().put("name", "shared").put("urls", urls).put("concurrency", 4)
        .put("perHost", 2).put("robotsTxt", false).put("extract", new JsonObject().put("title", "h1"))
        .put("output", new JsonObject().put("path", "shared.jsonl"));
    return ConfigReader.read(new JsonObject().put("jobs", new JsonArray().add(job)), dir);
  }

  private EngineRun runOnFirst(Runnable midway) throws Exception {
    Future<EngineRun> run = EngineRun.run(nodes.get(0), engines.get(0), config());
    if (midway != null) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (served.get() < HOSTS * PER_HOST / 4 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      midway.run();
    }
    return run.toCompletionStage().toCompletableFuture().get(150, TimeUnit.SECONDS);
  }

  private static void everyUrlOnceAndOk(EngineRun r) {
    Map<String, JsonObject> byUrl = r.byUrl(); // fails on a second record for a URL
    assertEquals(HOSTS * PER_HOST, byUrl.size());
    for (JsonObject rec : byUrl.values()) {
      assertEquals(200, rec.getInteger("status"), rec.encode());
      assertTrue(rec.getJsonObject("fields").getString("title").startsWith("/page/"), rec.encode());
    }
  }

  @Test
  void everyNodeFetchesAndAHostNeverHasMoreThanPerHostRequestsAcrossTheCluster() throws Exception {
    EngineRun r = runOnFirst(null);
    everyUrlOnceAndOk(r);
    Map<String, Long> byNode = r.results.get(0).stats().nodes(null);
    assertEquals(3, byNode.size(), "fetched by " + byNode);
    assertEquals(HOSTS * PER_HOST, byNode.values().stream().mapToLong(Long::longValue).sum(), byNode.toString());
    for (Map.Entry<String, Integer> e : counter.maxInFlightPerHost().entrySet()) {
      assertTrue(e.getValue() <= 2, "host " + e.getKey() + " had " + e.getValue() + " requests at once");
    }
  }

  @Test
  void everyNodePublishesTheUrlsItFetchedAndNothingInFlightOnceTheRunEnds() throws Exception {
    List<NodeRegistry> registries = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      Vertx v = nodes.get(i);
      NodeRegistry registry = NodeRegistry.join(v, ClusterNode.of(v, "node" + i), NodeRegistry.version())
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      Engine engine = engines.get(i);
      engine.engineContext().runOnContext(x -> registry.load(engine.load())); // as MainVerticle does
      registries.add(registry);
    }
    everyUrlOnceAndOk(runOnFirst(null));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<JsonObject> seen = List.of();
    while (System.nanoTime() < deadline) {
      seen = listed(registries.get(0), engines.get(0));
      if (seen.size() == 3 && seen.stream().mapToLong(n -> n.getLong("pagesDone")).sum() == HOSTS * PER_HOST) {
        break;
      }
      Thread.sleep(100); // the other nodes publish every second
    }
    assertEquals(3, seen.size(), seen.toString());
    assertEquals(HOSTS * PER_HOST, seen.stream().mapToLong(n -> n.getLong("pagesDone")).sum(),
        "each URL counted once, at the node that fetched it: " + seen);
    for (JsonObject n : seen) {
      assertTrue(n.getLong("pagesDone") > 0, "every node fetched: " + seen);
      assertEquals(0, n.getInteger("inFlight"), seen.toString());
      assertEquals(0, n.getInteger("hosts"), seen.toString());
    }
  }

  /** The registry's list, read on the engine's context (where the engine's load may be read). */
  private static List<JsonObject> listed(NodeRegistry registry, Engine engine) throws Exception {
    io.vertx.core.Promise<List<JsonObject>> out = io.vertx.core.Promise.promise();
    engine.engineContext().runOnContext(x -> registry.list().onComplete(out));
    return out.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aWorkerThatDiesMidRunHasItsUrlsFetchedByTheOthersAndEachUrlGetsOneRecord() throws Exception {
    EngineRun r = runOnFirst(() -> ((HazelcastClusterManager) ((VertxInternal) nodes.get(2)).clusterManager())
        .getHazelcastInstance().getLifecycleService().terminate());
    everyUrlOnceAndOk(r);
  }

  @Test
  void aWorkerThatStopsMidRunHandsItsUrlsBackAndEachUrlGetsOneRecord() throws Exception {
    EngineRun r = runOnFirst(() -> nodes.get(1).close());
    everyUrlOnceAndOk(r);
  }
}
