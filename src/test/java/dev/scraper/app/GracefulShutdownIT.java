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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM with a grace period ({@code shutdownGraceMs}), at the jar level: a scheduled job whose pages answer slowly is
 * stopped while a run has its requests in flight; they finish within the grace and get their real records, the
 * process exits with 0 as soon as they are done (not at the end of the grace), and the next start of the same config
 * goes on from the state it saved. A page that never answers is cancelled when a short grace is over.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GracefulShutdownIT {
  /** How long /slow/ pages take to answer, in ms. */
  private static final long SLOW_MS = 1500;
  private static Vertx vertx;
  private static TestSite site;
  private static final AtomicInteger asked = new AtomicInteger();
  private static final AtomicInteger answered = new AtomicInteger();
  private static final AtomicInteger hung = new AtomicInteger();

  @TempDir
  Path dir;

  @BeforeAll
  static void startSite() throws Exception {
    vertx = Vertx.vertx();
    site = TestSite.start(vertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    site.routePrefix("/slow/", req -> {
      asked.incrementAndGet();
      vertx.setTimer(SLOW_MS, t -> req.response().putHeader("Content-Type", "text/html")
          .end("<html><h1>slow " + req.path() + "</h1></html>").onComplete(ar -> answered.incrementAndGet()));
    });
    site.route("/hang", req -> hung.incrementAndGet()); // never answered
  }

  @AfterAll
  static void stopSite() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private Path conf(String name, JsonArray urls, Long graceMs, boolean dataDir) throws IOException {
    JsonObject conf = new JsonObject().put("outputDir", dir.toString())
        .put("jobs", new JsonArray().add(new JsonObject().put("name", name).put("urls", urls)
            .put("robotsTxt", false).put("extract", new JsonObject().put("title", "h1"))
            .put("schedule", new JsonObject().put("every", "1s"))
            .put("output", new JsonObject().put("path", name + ".jsonl"))));
    if (dataDir) {
      conf.put("dataDir", dir.resolve("data").toString());
    }
    if (graceMs != null) {
      conf.put("shutdownGraceMs", graceMs);
    }
    return Files.writeString(dir.resolve(name + ".json"), conf.encodePrettily());
  }

  /** The file's records; fails on a line that is not one whole JSON object. */
  private static List<JsonObject> records(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(text.isEmpty() || text.endsWith("\n"), "no partial last line: " + text);
    return text.lines().map(JsonObject::new).toList();
  }

  private static Set<String> runs(List<JsonObject> records) {
    Set<String> runs = new LinkedHashSet<>();
    records.forEach(r -> runs.add(r.getString("run")));
    return runs;
  }

  private static int runLines(JarProcess p, String job) {
    try {
      return (int) p.stdout().lines().filter(l -> l.startsWith(job + " run ")).count();
    } catch (IOException e) {
      return 0;
    }
  }

  @Test
  void sigtermLetsTheRequestsInFlightFinishWithinTheGraceThenExitsZeroAtOnceAndTheNextStartGoesOn() throws Exception {
    JsonArray urls = new JsonArray();
    for (int i = 1; i <= 3; i++) {
      urls.add(site.url("/slow/" + i + ".html"));
    }
    Path confFile = conf("slow", urls, 30_000L, true);
    Path out = dir.resolve("slow.jsonl");
    long took;
    try (JarProcess scraper = JarProcess.start(dir, List.of(), "-conf", confFile.toString())) {
      scraper.await("two runs ended", 90, () -> runLines(scraper, "slow") >= 2);
      int before = asked.get();
      scraper.await("a third run with its requests in flight", 60,
          () -> asked.get() >= before + 3 && answered.get() < asked.get());
      long signalled = System.nanoTime();
      scraper.sigterm();
      assertEquals(0, scraper.waitFor(60), scraper.describe());
      took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
      List<JsonObject> records = records(out);
      Set<String> runs = runs(records);
      assertTrue(runs.size() >= 3, runs + "\n" + scraper.describe());
      for (JsonObject r : records) {
        assertEquals(200, r.getInteger("status"), "the requests in flight got their real records: " + r.encode());
        assertEquals(null, r.getValue("error"), r.encode());
      }
      for (String run : runs) {
        assertEquals(3, records.stream().filter(r -> r.getString("run").equals(run)).count(),
            "every URL of run " + run + " has one record\n" + scraper.describe());
      }
      assertTrue(!scraper.stdout().contains("stopped by shutdown"), "the last run ended by itself\n"
          + scraper.describe());
      assertTrue(Files.exists(dir.resolve("data/slow/last-slot")), "the slot it fired is kept");
    }
    // the grace is 30 s; the pages take 1.5 s: the process ended when they were done, not when the grace was over
    assertTrue(took < 20_000, "exited " + took + " ms after SIGTERM, well before the 30 s grace");
    int linesBefore = records(out).size();
    try (JarProcess again = JarProcess.start(dir, List.of(), "-conf", confFile.toString())) {
      again.await("the missed slot run once at start", 60, () -> {
        try {
          return again.stdout().contains("scraper: job slow missed its slot at");
        } catch (IOException e) {
          return false;
        }
      });
      again.await("that run ended", 60, () -> runLines(again, "slow") >= 1);
      again.sigterm();
      assertEquals(0, again.waitFor(60), again.describe());
      assertTrue(records(out).size() > linesBefore, "the next start appended to the same output");
    }
  }

  @Test
  void aShortGraceCancelsAPageThatNeverAnswersAndTheProcessExitsZeroPromptly() throws Exception {
    Path confFile = conf("hanging", new JsonArray().add(site.url("/hang")).add(site.url("/slow/h.html")), 200L, false);
    int before = hung.get();
    try (JarProcess scraper = JarProcess.start(dir, List.of(), "-conf", confFile.toString())) {
      scraper.await("a request of /hang in flight", 60, () -> hung.get() > before);
      long signalled = System.nanoTime();
      scraper.sigterm();
      assertEquals(0, scraper.waitFor(60), scraper.describe());
      long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
      assertTrue(took < 8_000, "exited " + took + " ms after SIGTERM with a 200 ms grace\n" + scraper.describe());
      List<JsonObject> records = records(dir.resolve("hanging.jsonl"));
      List<JsonObject> hang = records.stream().filter(r -> r.getString("url").endsWith("/hang")).toList();
      assertEquals(1, hang.size(), scraper.describe());
      assertEquals("cancelled", hang.get(0).getJsonObject("error").getString("type"), scraper.describe());
      assertTrue(scraper.stdout().contains("stopped by shutdown"), scraper.describe());
    }
  }

  @Test
  void aSecondSigtermEndsALongGraceAtOnceAndThePageThatNeverAnswersIsCancelled() throws Exception {
    Path confFile = conf("hurried", new JsonArray().add(site.url("/hang")), 60_000L, false);
    int before = hung.get();
    try (JarProcess scraper = JarProcess.start(dir, List.of(), "-conf", confFile.toString())) {
      scraper.await("a request of /hang in flight", 60, () -> hung.get() > before);
      long signalled = System.nanoTime();
      scraper.sigterm();
      // a second signal sent before the first is taken would merge with it: wait for the first's line
      scraper.await("the first SIGTERM taken", 30, () -> stderrOf(scraper).contains("SIGTERM: stopping"));
      scraper.sigterm(); // the impatient user's second Ctrl-C
      assertEquals(0, scraper.waitFor(60), scraper.describe());
      long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
      assertTrue(took < 30_000, "exited " + took + " ms after two SIGTERMs, not after the 60 s grace\n"
          + scraper.describe());
      List<JsonObject> hang = records(dir.resolve("hurried.jsonl")).stream()
          .filter(r -> r.getString("url").endsWith("/hang")).toList();
      assertEquals(1, hang.size(), scraper.describe());
      assertEquals("cancelled", hang.get(0).getJsonObject("error").getString("type"), scraper.describe());
      assertTrue(scraper.stderr().contains("SIGTERM again: what is still in flight is cancelled now"),
          scraper.describe());
    }
  }

  @Test
  void aOneShotRunStoppedBySigtermLetsItsRequestInFlightFinishAndCancelsTheUrlsNotStarted() throws Exception {
    JsonArray urls = new JsonArray();
    for (int i = 1; i <= 3; i++) {
      urls.add(site.url("/slow/once-" + i + ".html"));
    }
    JsonObject conf = new JsonObject().put("outputDir", dir.toString()).put("jobs", new JsonArray()
        .add(new JsonObject().put("name", "once").put("urls", urls).put("robotsTxt", false).put("concurrency", 1)
        .put("extract", new JsonObject().put("title", "h1"))
        .put("output", new JsonObject().put("path", "once.jsonl"))));
    Path confFile = Files.writeString(dir.resolve("once.json"), conf.encodePrettily());
    int before = asked.get();
    try (JarProcess scraper = JarProcess.start(dir, List.of(), "-conf", confFile.toString())) {
      scraper.await("the first request in flight", 60, () -> asked.get() > before);
      scraper.sigterm();
      scraper.waitFor(60); // the JVM's own exit status for a signal (143): a one-shot run did not finish its list
      List<JsonObject> records = records(dir.resolve("once.jsonl"));
      assertEquals(3, records.size(), scraper.describe());
      assertEquals(200, records.get(0).getInteger("status"), "the request in flight finished: " + records.get(0));
      assertEquals(urls.getString(0), records.get(0).getString("url"));
      for (JsonObject r : records.subList(1, 3)) {
        assertEquals("cancelled", r.getJsonObject("error").getString("type"), "never started: " + r.encode());
      }
      assertEquals(before + 1, asked.get(), "no request started after the signal");
    }
  }

  private static String stderrOf(JarProcess scraper) {
    try {
      return scraper.stderr();
    } catch (IOException e) {
      return "";
    }
  }
}
