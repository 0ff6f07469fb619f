package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.cluster.Clusters;
import dev.scraper.config.ConfigReader;
import dev.scraper.testing.TestSite;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes of one cluster (in this JVM) started from the same config, each in a directory of its own as on
 * machines of their own: a scheduled job runs once per slot across them, and a job without a schedule once in all,
 * the nodes that did not run it staying up as workers, and after the whole cluster was down one node catches up
 * the slots missed. The site the jobs fetch counts what it is asked. About 30 s,
 * most of it starting the cluster.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusteredRunsTest {
  private static final Pattern RUN_LINE = Pattern.compile("(?m)^tick run \\S+: ");
  /** The interval of the scheduled job, in ms. */
  private static final long EVERY_MS = 2_000;
  private static List<Vertx> nodes;
  private static Vertx web;
  private static TestSite site;
  /** When each request for /tick came (epoch ms). */
  private static final List<Long> ticks = new CopyOnWriteArrayList<>();

  @TempDir
  Path dir;
  private final List<ByteArrayOutputStream> terminals = new ArrayList<>();
  private final List<Integer> exits = new CopyOnWriteArrayList<>();
  private final List<String> deployed = new ArrayList<>();

  @BeforeAll
  static void cluster() throws Exception {
    nodes = Clusters.start(3);
    web = Vertx.vertx();
    site = get(TestSite.start(web));
    site.route("/tick", req -> {
      ticks.add(System.currentTimeMillis());
      req.response().putHeader("Content-Type", "text/html").end("<html><h1>tick</h1></html>");
    });
  }

  @AfterAll
  static void close() throws Exception {
    Clusters.close(nodes);
    get(web.close());
  }

  @AfterEach
  void undeploy() throws Exception {
    for (int i = 0; i < deployed.size(); i++) {
      get(nodes.get(i).undeploy(deployed.get(i)));
    }
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** Deploys the application on every node with the same config, each node in a directory of its own. */
  private void deployEverywhere(JsonObject config) throws Exception {
    for (int i = 0; i < nodes.size(); i++) {
      Path home = Files.createDirectories(dir.resolve("node" + i));
      ByteArrayOutputStream terminal = new ByteArrayOutputStream();
      terminals.add(terminal);
      MainVerticle app = new MainVerticle(ConfigReader.read(config.copy(), home),
          new Streams(new PrintStream(terminal, true, StandardCharsets.UTF_8), false, false, false), exits::add);
      deployed.add(get(nodes.get(i).deployVerticle(app)));
    }
  }

  private String terminal(int node) {
    return terminals.get(node).toString(StandardCharsets.UTF_8);
  }

  private String everything() {
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < terminals.size(); i++) {
      all.append("--- node ").append(i).append(":\n").append(terminal(i));
    }
    return all.append("--- requests for /tick at: ").append(ticks).toString();
  }

  private void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90); // a busy machine starts runs late
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never saw: " + what + "\n" + everything());
      }
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
    }
  }

  private static JsonObject job(String name, String path) {
    return new JsonObject().put("name", name).put("urls", new JsonArray().add(site.url(path)))
        .put("robotsTxt", false).put("extract", new JsonObject().put("title", "h1"))
        .put("output", new JsonObject().put("path", name + ".jsonl"));
  }

  private int count(Pattern p, String text) {
    int n = 0;
    Matcher m = p.matcher(text);
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void aScheduledJobOnThreeNodesRunsOncePerSlot() throws Exception {
    ticks.clear();
    deployEverywhere(new JsonObject().put("jobs", new JsonArray()
        .add(job("tick", "/tick").put("schedule", new JsonObject().put("every", EVERY_MS + "ms")))));
    long from = System.currentTimeMillis();
    await("four runs", () -> ticks.size() >= 4);
    undeploy(); // no slot fires from here on; a run under way ends first
    deployed.clear();
    long slots = (System.currentTimeMillis() - from) / EVERY_MS;
    List<Long> at = new ArrayList<>(ticks);
    String all = everything();

    // each run asks for /tick once; two runs of one slot would come at the same moment, a slot apart otherwise
    for (int i = 1; i < at.size(); i++) {
      assertTrue(at.get(i) - at.get(i - 1) >= EVERY_MS / 2, "two runs of one slot:\n" + all);
    }
    // most slots ran (a machine so busy that a timer fires a whole slot late drops that slot, as one process would)
    assertTrue(at.size() >= slots / 2, "slots left unrun: " + slots + " slots, " + at.size() + " runs\n" + all);
    int runs = 0;
    for (int i = 0; i < nodes.size(); i++) {
      runs += count(RUN_LINE, terminal(i));
      assertTrue(terminal(i).contains("scraper: job tick runs every 2s"), all);
    }
    assertEquals(at.size(), runs, "one run line per request:\n" + all);
    assertFalse(all.contains("not run"), all);
    assertEquals(List.of(), exits);
  }

  @Test
  void afterTheWholeClusterWasDownOneNodeCatchesUpTheMissedSlots() throws Exception {
    java.time.Instant today = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
    for (int i = 0; i < nodes.size(); i++) { // every node fired the slot three days ago last
      Path slot = Files.createDirectories(dir.resolve("node" + i).resolve("data").resolve("daily"));
      Files.writeString(slot.resolve("last-slot"), today.minus(java.time.Duration.ofDays(3)) + "\n");
    }
    deployEverywhere(new JsonObject().put("dataDir", "data").put("jobs", new JsonArray()
        .add(job("daily", "/page/9.html").put("schedule", new JsonObject().put("every", "1d")))));
    Pattern ran = Pattern.compile("(?m)^daily run \\S+: ");
    await("the catch-up run", () -> site.hits("/page/9.html") == 1
        && count(ran, terminal(0)) + count(ran, terminal(1)) + count(ran, terminal(2)) == 1);
    undeploy(); // a second catch-up would have started as soon as the first: its claim was asked at the same time
    deployed.clear();
    String all = everything();
    assertEquals(1, site.hits("/page/9.html"), all);
    for (int i = 0; i < nodes.size(); i++) {
      assertTrue(terminal(i).contains("while the process was down; it runs once now (on one node, unless the"
          + " cluster ran the newest)"), all);
    }
  }

  @Test
  void aJobWithoutAScheduleRunsOnceAcrossThreeNodesWhichAllStayUp() throws Exception {
    deployEverywhere(new JsonObject().put("jobs", new JsonArray().add(job("once", "/page/7.html"))));
    Pattern stayUp = Pattern.compile("stays up as a worker of the cluster");
    await("every node decided", () -> {
      for (int i = 0; i < nodes.size(); i++) {
        if (!stayUp.matcher(terminal(i)).find()) {
          return false;
        }
      }
      return true;
    });
    String all = everything();
    assertEquals(1, site.hits("/page/7.html"), all);
    int elsewhere = 0;
    int ran = 0;
    for (int i = 0; i < nodes.size(); i++) {
      boolean other = terminal(i).contains("scraper: job once runs on another node of the cluster");
      elsewhere += other ? 1 : 0;
      if (Files.exists(dir.resolve("node" + i).resolve("once.jsonl"))) {
        ran++;
        assertFalse(other, all);
        assertTrue(Files.readString(dir.resolve("node" + i).resolve("once.jsonl")).contains("Page 7"), all);
      }
      assertEquals(1, count(stayUp, terminal(i)), all);
    }
    assertEquals(2, elsewhere, all);
    assertEquals(1, ran, "only the node that ran it opened its output:\n" + all);
    assertEquals(List.of(), exits, "no node exits:\n" + all);
  }
}
