package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.JarProcess;
import dev.scraper.testing.TestSite;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scheduled job with a dataDir at the jar level, killed with SIGKILL between runs and started again: the new
 * process's first run sends the ETag the killed one kept (a 304, {@code changed: false}), and the run summaries of
 * both processes are in {@code runs.jsonl}, every line whole.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HistoryIT {
  private static final String TAG = "\"kept\"";
  private static Vertx vertx;
  private static TestSite site;
  private static final AtomicInteger conditional = new AtomicInteger();

  @TempDir
  Path dir;

  @BeforeAll
  static void startSite() throws Exception {
    vertx = Vertx.vertx();
    site = TestSite.start(vertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    site.route("/tagged", req -> {
      if (TAG.equals(req.getHeader("If-None-Match"))) {
        conditional.incrementAndGet();
        req.response().setStatusCode(304).end();
      } else {
        req.response().putHeader("ETag", TAG).putHeader("Content-Type", "text/html").end("<h1>kept</h1>");
      }
    });
  }

  @AfterAll
  static void stopSite() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }

  @Test
  void changeStateAndSummariesOfAScheduledJobSurviveAKill() throws Exception {
    JsonObject conf = new JsonObject().put("outputDir", dir.toString()).put("dataDir", "data")
        .put("jobs", new JsonArray().add(new JsonObject().put("name", "watch")
            .put("urls", new JsonArray().add(site.url("/tagged"))).put("robotsTxt", false)
            .put("extract", new JsonObject().put("title", "h1"))
            .put("schedule", new JsonObject().put("every", "1s"))
            .put("output", new JsonObject().put("path", "watch.jsonl"))));
    Path confFile = Files.writeString(dir.resolve("conf.json"), conf.encodePrettily());
    Path summaries = dir.resolve("data/watch/runs.jsonl");
    Path out = dir.resolve("watch.jsonl");
    int before;
    try (JarProcess first = JarProcess.start(dir, List.of(), "-conf", confFile.toString())) {
      // two runs ended: the first run's answer was committed long before the second's summary
      first.await("two run summaries", 60, () -> lines(summaries).size() >= 2);
      first.kill();
      before = (int) lines(out).stream().filter(l -> l.endsWith("}")).count();
    }
    int conditionalBefore = conditional.get();
    try (JarProcess second = JarProcess.start(dir, List.of(), "-conf", confFile.toString())) {
      second.await("a run of the new process", 60, () -> lines(out).size() > before + 1);
      second.sigterm();
      assertEquals(0, second.waitFor(30), second.describe());
      List<String> records = lines(out);
      JsonObject next = new JsonObject(records.get(before));
      assertEquals(304, next.getInteger("status"), "the new process asked with the ETag kept\n" + second.describe());
      assertFalse(next.getBoolean("changed"));
      assertEquals("kept", next.getJsonObject("fields").getString("title"));
      assertTrue(conditional.get() > conditionalBefore);
      List<String> kept = lines(summaries);
      assertTrue(kept.size() >= 3, kept.toString());
      for (String line : kept) {
        JsonObject s = new JsonObject(line); // every line whole
        assertEquals("watch", s.getString("job"));
      }
      assertTrue(kept.stream().anyMatch(l -> l.contains("\"id\":\"" + next.getString("run") + "\"")), kept.toString());
    }
  }
}
