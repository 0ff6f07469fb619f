package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scheduled job at the jar level: the process stays up and runs the job every second, appending each run's
 * records to one file; SIGTERM (sent while the third run waits for a page) ends it with 0, every line of the file whole and
 * every run's records in it. A one-shot job beside it runs once and truncates its file as always.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ScheduleIT {
  private static Vertx vertx;
  private static TestSite site;
  /** Requests of /held: the first two answered at once, the later ones never (a run under way at the signal). */
  private static final AtomicInteger held = new AtomicInteger();

  @TempDir
  Path dir;

  @BeforeAll
  static void startSite() throws Exception {
    vertx = Vertx.vertx();
    site = TestSite.start(vertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    site.route("/held", req -> {
      if (held.incrementAndGet() <= 2) {
        req.response().putHeader("Content-Type", "text/html").end("<html><h1>held</h1></html>");
      }
    });
  }

  @AfterAll
  static void stopSite() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** The run ids of the file's records; fails on a line that is not one whole JSON object. */
  private static Set<String> runs(Path file) throws IOException {
    Set<String> runs = new TreeSet<>();
    if (!Files.exists(file)) {
      return runs;
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    for (String line : text.split("\n")) {
      if (!line.isEmpty()) {
        runs.add(new JsonObject(line).getString("run"));
      }
    }
    return runs;
  }

  /** The run ids so far, or none while a batch is being written (a last line not ended yet). */
  private static Set<String> runsSoFar(Path file) {
    try {
      return runs(file);
    } catch (IOException | RuntimeException e) {
      return Set.of();
    }
  }

  @Test
  void aScheduledJobRunsEverySecondUntilSigtermThenExitsZeroWithEveryRunsRecordsWhole() throws Exception {
    Path out = dir.resolve("probe.jsonl");
    Path once = dir.resolve("once.jsonl");
    Files.writeString(once, "{\"from\":\"an earlier run\"}\n");
    JsonArray urls = new JsonArray();
    for (int i = 1; i <= 5; i++) {
      urls.add(site.url("/page/" + i + ".html"));
    }
    urls.add(site.url("/held"));
    JsonObject conf = new JsonObject().put("outputDir", dir.toString()).put("jobs", new JsonArray()
        .add(new JsonObject().put("name", "probe").put("urls", urls).put("robotsTxt", false)
            .put("extract", new JsonObject().put("title", "h1"))
            .put("schedule", new JsonObject().put("every", "1s"))
            .put("output", new JsonObject().put("path", "probe.jsonl")))
        .add(new JsonObject().put("name", "once").put("urls", new JsonArray().add(site.url("/page/9.html")))
            .put("robotsTxt", false).put("output", new JsonObject().put("path", "once.jsonl"))));
    Path confFile = Files.writeString(dir.resolve("conf.json"), conf.encodePrettily());
    try (JarProcess scraper = JarProcess.start(dir, List.of(), "-conf", confFile.toString())) {
      scraper.await("a third run under way", 60, () -> held.get() >= 3);
      scraper.sigterm(); // the third run's request of /held is in flight
      assertEquals(0, scraper.waitFor(30), scraper.describe());
      String text = Files.readString(out, StandardCharsets.UTF_8);
      assertTrue(text.endsWith("\n"), "no partial last line\n" + scraper.describe());
      Set<String> runs = runs(out);
      assertEquals(3, runs.size(), runs + "\n" + scraper.describe());
      for (String run : runs) {
        long n = text.lines().filter(l -> l.contains("\"run\":\"" + run + "\"")).count();
        assertEquals(6, n, "every URL of run " + run + " has its record (cancelled if the signal cut it short)\n"
            + scraper.describe());
      }
      List<JsonObject> last = text.lines().map(JsonObject::new)
          .filter(r -> r.getString("url").endsWith("/held")).toList();
      assertEquals("cancelled", last.get(2).getJsonObject("error").getString("type"), scraper.describe());
      String stdout = scraper.stdout();
      assertTrue(stdout.contains("stopped by shutdown"), scraper.describe());
      assertTrue(stdout.contains("scraper: job probe runs every 1s; next slot at"), scraper.describe());
      assertTrue(stdout.matches("(?s).*probe run \\S+: 6 URLs, 6 ok, 0 errors, .*"), scraper.describe());
      assertTrue(!stdout.contains("/page/3.html"), "a line per run, not per URL\n" + scraper.describe());
      List<String> onceLines = Files.readAllLines(once, StandardCharsets.UTF_8);
      assertEquals(1, onceLines.size(), "the one-shot job ran once and truncated its file\n" + scraper.describe());
      assertEquals(site.url("/page/9.html"), new JsonObject(onceLines.get(0)).getString("url"));
    }
  }
  @Test
  void withLogFormatJsonEveryLineThatIsNotARecordIsAJsonObjectAndEachRunLineCarriesItsCounts() throws Exception {
    Path out = dir.resolve("json-log.jsonl");
    JsonArray urls = new JsonArray();
    for (int i = 1; i <= 5; i++) {
      urls.add(site.url("/page/" + i + ".html"));
    }
    JsonObject conf = new JsonObject().put("outputDir", dir.toString()).put("logFormat", "json").put("jobs",
        new JsonArray().add(new JsonObject().put("name", "probe").put("urls", urls).put("robotsTxt", false)
            .put("schedule", new JsonObject().put("every", "1s"))
            .put("output", new JsonObject().put("path", "json-log.jsonl"))));
    Path confFile = Files.writeString(dir.resolve("json-log.json"), conf.encodePrettily());
    try (JarProcess scraper = JarProcess.start(dir, List.of(), "-conf", confFile.toString())) {
      scraper.await("two runs written", 60, () -> runsSoFar(out).size() >= 2);
      scraper.sigterm();
      assertEquals(0, scraper.waitFor(30), scraper.describe());
      List<JsonObject> lines = scraper.stdout().lines().map(JsonObject::new).toList(); // each parses on its own
      for (JsonObject l : lines) {
        java.time.Instant.parse(l.getString("time"));
        assertTrue(List.of("info", "warn").contains(l.getString("level")), l.encode());
        assertTrue(l.getString("msg") != null, l.encode());
      }
      assertTrue(lines.stream().anyMatch(l -> l.getString("msg").startsWith("scraper: job probe runs every 1s")),
          scraper.describe());
      List<JsonObject> runLines = lines.stream().filter(l -> "probe".equals(l.getString("job"))
          && l.containsKey("urls")).toList();
      assertTrue(runLines.size() >= 2, scraper.describe());
      JsonObject first = runLines.get(0);
      assertEquals(5, first.getInteger("urls"), first.encode());
      assertEquals(5, first.getInteger("ok"), first.encode());
      assertTrue(runs(out).contains(first.getString("run")), first.encode());
    }
  }

  @Test
  void aScheduledJobsOutputStaysLockedBetweenRunsSoASecondProcessExitsThree() throws Exception {
    JsonObject conf = new JsonObject().put("outputDir", dir.toString()).put("jobs", new JsonArray()
        .add(new JsonObject().put("name", "hourly").put("urls", new JsonArray().add(site.url("/page/1.html")))
            .put("schedule", "0 0 1 1 *").put("output", new JsonObject().put("path", "hourly.jsonl"))));
    Path confFile = Files.writeString(dir.resolve("locked.json"), conf.encodePrettily());
    try (JarProcess first = JarProcess.start(dir, List.of(), "-conf", confFile.toString())) {
      first.await("the first process up", 60, () -> {
        try {
          return first.stdout().contains("runs cron 0 0 1 1 * UTC; next slot at"); // its output is open by then
        } catch (IOException e) {
          return false;
        }
      });
      try (JarProcess second = JarProcess.start(dir, List.of(), "-conf", confFile.toString())) {
        assertEquals(3, second.waitFor(60), second.describe());
        assertTrue(second.stderr().contains("is locked by another run (pid " + first.pid()), second.describe());
      }
      assertTrue(first.alive(), "idle until its slot: " + first.describe());
      first.sigterm();
      assertEquals(0, first.waitFor(30), first.describe());
      assertEquals("", Files.readString(dir.resolve("hourly.jsonl")), "no run yet, nothing written");
    }
  }
}
