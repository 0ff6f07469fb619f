package dev.scraper.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.cluster.ClusterNode;
import dev.scraper.cluster.Clusters;
import dev.scraper.config.ConfigReader;
import dev.scraper.config.ScraperConfig;
import dev.scraper.fetch.Validators;
import dev.scraper.testing.TestSite;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's last answers are reachable by whichever node of a cluster runs it: a run on one node leaves them in the
 * job's cluster map, and the next run, on another node, asks conditionally and finds its records unchanged. The map
 * keeps a job's budget of URLs (the ones written longest ago go) and drops a URL whose answer was an error; outside
 * a cluster nothing is loaded or written.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterChangesTest {
  private static final String[] PAGES = {"/etag", "/plain"};
  private static List<Vertx> nodes;
  private static final List<Engine> engines = new ArrayList<>();
  private static final List<ClusterNode> members = new ArrayList<>();
  private static Vertx site;
  private static TestSite pages;
  private static final AtomicInteger notModified = new AtomicInteger();
  @TempDir
  Path dir;

  @BeforeAll
  static void start() throws Exception {
    site = Vertx.vertx();
    pages = get(TestSite.start(site));
    pages.route("/etag", req -> {
      if ("\"v1\"".equals(req.getHeader("If-None-Match"))) {
        notModified.incrementAndGet();
        req.response().setStatusCode(304).putHeader("ETag", "\"v1\"").end();
      } else {
        req.response().putHeader("ETag", "\"v1\"").putHeader("Content-Type", "text/html").end("<h1>etag</h1>");
      }
    });
    pages.route("/plain", req -> req.response().putHeader("Content-Type", "text/html").end("<h1>plain</h1>"));
    nodes = Clusters.start(2);
    for (int i = 0; i < nodes.size(); i++) {
      Engine engine = new Engine(64L << 20);
      ClusterNode node = ClusterNode.of(nodes.get(i), "node" + i);
      engine.cluster(node, null);
      get(nodes.get(i).deployVerticle(engine));
      engines.add(engine);
      members.add(node);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    Clusters.close(nodes);
    get(site.close());
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** What {@code action} gives, run on a context of {@code vertx} (where a run's changes live). */
  private static <T> T onLoop(Vertx vertx, Supplier<Future<T>> action) throws Exception {
    CompletableFuture<T> out = new CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> action.get().onComplete(ar -> {
      if (ar.succeeded()) {
        out.complete(ar.result());
      } else {
        out.completeExceptionally(ar.cause());
      }
    }));
    return out.get(60, TimeUnit.SECONDS);
  }

  private ScraperConfig config(String output) {
    JsonArray urls = new JsonArray();
    for (String p : PAGES) {
      urls.add(pages.url(p));
    }
    JsonObject job = new JsonObject().put("name", "watched").put("urls", urls).put("robotsTxt", false)
        .put("extract", new JsonObject().put("title", "h1")).put("output", new JsonObject().put("path", output));
    return ConfigReader.read(EngineRun.oneJob(job), dir);
  }

  @Test
  void aRunOnAnotherNodeAsksConditionallyAndFindsItsRecordsUnchanged() throws Exception {
    EngineRun first = get(EngineRun.run(nodes.get(0), engines.get(0), config("first.jsonl")));
    for (JsonObject r : first.records()) {
      assertTrue(r.getBoolean("changed"), r.encode());
    }
    Map<String, JsonObject> shared = get(members.get(1).<String, JsonObject>map("scraper.changes.watched")
        .compose(AsyncMap::entries));
    assertEquals(Set.of(pages.url("/etag"), pages.url("/plain")), shared.keySet(), "written before done()");
    assertEquals("\"v1\"", shared.get(pages.url("/etag")).getString("e"));

    int before = notModified.get();
    EngineRun second = get(EngineRun.run(nodes.get(1), engines.get(1), config("second.jsonl")));
    Map<String, JsonObject> byUrl = second.byUrl();
    assertEquals(2, byUrl.size());
    for (JsonObject r : byUrl.values()) {
      assertFalse(r.getBoolean("changed"), "node 1 knows node 0's answers: " + r.encode());
      assertEquals(new JsonObject().put("title", r.getString("url").endsWith("/etag") ? "etag" : "plain"),
          r.getJsonObject("fields"));
    }
    assertEquals(304, byUrl.get(pages.url("/etag")).getInteger("status"));
    assertEquals(200, byUrl.get(pages.url("/plain")).getInteger("status"), "no validators: asked in full");
    assertEquals(before + 1, notModified.get(), "the site answered If-None-Match once");
    assertFalse(second.terminal.contains("not loaded"), second.terminal);
  }

  @Test
  void aJobKeepsItsBudgetOfUrlsTheOldestGoAndAnErrorRemovesItsUrl() throws Exception {
    ClusterChanges cluster = new ClusterChanges(nodes.get(0), members.get(0), 2);
    Validators v = new Validators("\"x\"", null);
    ClusterChanges.Share first = cluster.share("budget", new Changes(10));
    assertEquals(0, onLoop(nodes.get(0), first::load));
    onLoop(nodes.get(0), () -> {
      for (String u : List.of("http://h/1", "http://h/2", "http://h/3")) {
        first.learned(u, new JsonObject().put("u", u), v);
      }
      return first.end();
    });
    AsyncMap<String, JsonObject> map = get(members.get(1).map("scraper.changes.budget"));
    assertEquals(Set.of("http://h/2", "http://h/3"), get(map.keys()), "a budget of 2: the first written went");

    Changes elsewhere = new Changes(10);
    ClusterChanges.Share second = new ClusterChanges(nodes.get(1), members.get(1), 2).share("budget", elsewhere);
    assertEquals(2, onLoop(nodes.get(1), second::load));
    assertEquals("\"x\"", elsewhere.last("budget", "http://h/3").validators().etag());
    assertNotNull(elsewhere.last("budget", "http://h/2"));
    assertNull(elsewhere.last("budget", "http://h/1"));
    onLoop(nodes.get(1), () -> {
      second.learned("http://h/2", null, null); // an error: its next good answer is a change, on any node
      return second.end();
    });
    assertEquals(Set.of("http://h/3"), get(map.keys()));
  }

  @Test
  void outsideAClusterOrInAOneShotEngineNothingIsShared() throws Exception {
    Vertx alone = Vertx.vertx();
    try {
      assertNull(ClusterChanges.of(alone, ClusterNode.of(alone)), "a cluster of one shares nothing");
      assertNull(ClusterChanges.of(nodes.get(0), null), "an engine told no node runs alone");
      ClusterChanges cluster = ClusterChanges.of(nodes.get(0), members.get(0));
      assertNotNull(cluster);
      assertNull(new Changes(0, cluster).share("job"), "a one-shot engine keeps no answers, so shares none");
      assertNull(new Changes(10).share("job"));
      RunChanges run = new RunChanges(new Changes(10), "job", null);
      boolean[] started = {false};
      run.ready(RunListener.NONE, () -> started[0] = true);
      assertTrue(started[0], "no cluster: the run reads its first URLs at once");
      assertTrue(run.shared().succeeded(), "no cluster: nothing to wait for at the end");
    } finally {
      get(alone.close());
    }
  }
}
