package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.JarProcess;
import dev.scraper.testing.TestSite;
import dev.scraper.testing.routes.TreeRoute;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume at the jar level, with {@code dataDir}: a 5,000-page crawl and a 5,000-line list killed with SIGKILL half-way
 * and started again end with exactly one record per page, and no page recorded before the kill is requested again
 * (the site counts the requests of every page); a SIGTERM leaves no {@code cancelled} record, and the next run does
 * the rest.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ResumeJarIT {
  private static final int PAGES = 5_000;
  /** Requests after which the site slows down, so that a kill at half-way always meets an unfinished run. */
  private static final int SLOW_AFTER = PAGES / 2 + 300;
  private static Vertx vertx;
  private static TestSite site;
  private static final AtomicInteger served = new AtomicInteger();
  private static volatile boolean slow;
  private static TreeRoute tree;

  @TempDir
  Path dir;

  @BeforeAll
  static void startSite() throws Exception {
    vertx = Vertx.vertx();
    site = TestSite.start(vertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void freshSite() {
    tree = new TreeRoute(PAGES, true);
    served.set(0);
    slow = true;
    site.routePrefix("/tree/", req -> {
      if (slow && served.incrementAndGet() > SLOW_AFTER) {
        vertx.setTimer(40, t -> tree.handle(req));
      } else {
        tree.handle(req);
      }
    });
  }

  @AfterAll
  static void stopSite() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private Path conf(JsonObject job) throws IOException {
    JsonObject conf = new JsonObject().put("outputDir", dir.toString()).put("dataDir", dir.resolve("data").toString())
        .put("quiet", true).put("jobs", new JsonArray().add(job.put("name", "tree").put("robotsTxt", false)
            .put("concurrency", 8).put("extract", new JsonObject().put("title", "h1"))
            .put("output", new JsonObject().put("path", "tree.jsonl"))));
    return Files.writeString(dir.resolve("tree.json"), conf.encodePrettily());
  }

  private JsonObject crawl() {
    return new JsonObject().put("urls", new JsonArray().add(site.url("/tree/0")))
        .put("follow", new JsonObject().put("links", "a.next").put("maxDepth", 100));
  }

  private JsonObject list() throws IOException {
    StringBuilder b = new StringBuilder("# every page of the tree\n");
    for (int n = 0; n < PAGES; n++) {
      b.append(site.url("/tree/" + n)).append('\n');
    }
    return new JsonObject().put("urlsFile", Files.writeString(dir.resolve("urls.txt"), b).toString());
  }

  /** The whole lines of the output (a half-written last line is not a record). */
  private List<JsonObject> records() throws IOException {
    Path out = dir.resolve("tree.jsonl");
    if (!Files.exists(out)) {
      return List.of();
    }
    String text = Files.readString(out, StandardCharsets.UTF_8);
    List<JsonObject> records = new ArrayList<>();
    int start = 0;
    for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      records.add(new JsonObject(text.substring(start, nl)));
      start = nl + 1;
    }
    return records;
  }

  /** Lines written to the output so far (read while the scraper writes it). */
  private long lines() {
    try {
      Path out = dir.resolve("tree.jsonl");
      if (!Files.exists(out)) {
        return 0;
      }
      long n = 0;
      for (byte b : Files.readAllBytes(out)) {
        n += b == '\n' ? 1 : 0;
      }
      return n;
    } catch (IOException e) {
      return 0;
    }
  }

  private static int page(JsonObject record) {
    String url = record.getString("url");
    return Integer.parseInt(url.substring(url.lastIndexOf('/') + 1));
  }

  @Test
  void aCrawlKilledHalfWayResumesWithNothingLostOrDoubled() throws Exception {
    killedHalfWayThenResumed(conf(crawl()));
  }

  @Test
  void aUrlListKilledHalfWayResumesWithNothingLostOrDoubled() throws Exception {
    killedHalfWayThenResumed(conf(list()));
  }

  private void killedHalfWayThenResumed(Path conf) throws Exception {
    Map<Integer, Integer> before = new HashMap<>();
    try (JarProcess first = JarProcess.start(dir, List.of(), "-conf", conf.toString())) {
      first.await("half of the pages recorded", 120, () -> lines() >= PAGES / 2);
      first.kill();
      for (JsonObject r : records()) {
        before.put(page(r), tree.requests(page(r)));
      }
      assertTrue(before.size() < PAGES, "the first run was killed before its end: " + before.size() + " records");
    }
    slow = false;
    try (JarProcess second = JarProcess.start(dir, List.of(), "-conf", conf.toString())) {
      assertEquals(0, second.waitFor(120), second.describe());
      assertTrue(second.stdout().contains("resuming its unfinished run"), second.describe());
    }
    int[] records = new int[PAGES];
    for (JsonObject r : records()) {
      records[page(r)]++;
    }
    for (int n = 0; n < PAGES; n++) {
      assertEquals(1, records[n], "page " + n + " has exactly one record");
    }
    before.forEach((n, requests) -> assertEquals(requests, tree.requests(n),
        "page " + n + ", recorded before the kill, was not requested again"));
  }

  @Test
  void sigtermLeavesNoCancelledRecordsAndTheNextRunDoesTheRest() throws Exception {
    Path conf = conf(crawl());
    try (JarProcess first = JarProcess.start(dir, List.of(), "-conf", conf.toString())) {
      first.await("a quarter of the pages recorded", 120, () -> lines() >= PAGES / 4);
      first.sigterm();
      first.waitFor(60);
      assertTrue(first.stdout().contains("(run stopped)"), first.describe());
    }
    List<JsonObject> stopped = records();
    assertTrue(stopped.size() < PAGES, "stopped before its end");
    for (JsonObject r : stopped) {
      assertTrue(r.getValue("error") == null, "no error record, no cancelled one: " + r.encode());
    }
    slow = false;
    try (JarProcess second = JarProcess.start(dir, List.of(), "-conf", conf.toString())) {
      assertEquals(0, second.waitFor(120), second.describe());
    }
    int[] records = new int[PAGES];
    for (JsonObject r : records()) {
      assertFalse(r.getValue("error") != null, r.encode());
      records[page(r)]++;
    }
    for (int n = 0; n < PAGES; n++) {
      assertEquals(1, records[n], "page " + n + " has exactly one record");
    }
    // a finished run starts over: the output holds one run again
    try (JarProcess third = JarProcess.start(dir, List.of(), "-conf", conf.toString())) {
      assertEquals(0, third.waitFor(120), third.describe());
      assertFalse(third.stdout().contains("resuming"), third.describe());
    }
    assertEquals(PAGES, records().size());
  }
}
