package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.config.ConfigReader;
import dev.scraper.config.ScraperConfig;
import dev.scraper.engine.Engine;
import dev.scraper.testing.TestSite;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled jobs on a real engine with {@code every: 1s}: runs happen one after another with their own ids, append to
 * one file (after cutting a partial line a killed process left), never overlap (a page slower than the interval
 * makes the slots that come meanwhile skipped, and counted on the run's line), and {@code {run}} gives one file per
 * run of which only {@code keepRuns} stay. About 7 s.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScheduledJobsTest {
  private static final Pattern RUN_LINE = Pattern.compile("(?m)^(\\w+) run (\\S+): .*$");
  /** How long the slow page takes: more than two slots of 1 s. */
  private static final long SLOW_MS = 2_300;

  @TempDir
  Path dir;
  private Vertx vertx;
  private TestSite site;
  /** Server-side: when each request of the slow page came and when its answer was sent (nanoTime). */
  private final List<long[]> slow = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    site = get(TestSite.start(vertx));
    site.route("/slow-page", req -> {
      long[] span = {System.nanoTime(), -1};
      synchronized (slow) {
        slow.add(span);
      }
      vertx.setTimer(SLOW_MS, t -> req.response().putHeader("Content-Type", "text/html")
          .end("<html><h1>slow</h1></html>").onComplete(ar -> span[1] = System.nanoTime()));
    });
  }

  @AfterEach
  void stop() throws Exception {
    get(vertx.close());
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private JsonObject job(String name, String path, String output) {
    return new JsonObject().put("name", name).put("urls", new JsonArray().add(site.url(path)))
        .put("robotsTxt", false).put("extract", new JsonObject().put("title", "h1"))
        .put("schedule", new JsonObject().put("every", "1s")).put("output", new JsonObject().put("path", output));
  }

  private static void await(String what, BooleanSupplier condition, ByteArrayOutputStream out) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never saw: " + what + "\n" + out.toString(StandardCharsets.UTF_8));
      }
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
    }
  }

  /** The run lines printed so far for {@code job}. */
  private static List<String> runLines(ByteArrayOutputStream out, String job) {
    List<String> lines = new ArrayList<>();
    Matcher m = RUN_LINE.matcher(out.toString(StandardCharsets.UTF_8));
    while (m.find()) {
      if (m.group(1).equals(job)) {
        lines.add(m.group());
      }
    }
    return lines;
  }

  @Test
  void runsComeOneAfterAnotherAppendSkipOverlappingSlotsAndKeepTheNewestRunFiles() throws Exception {
    Path fast = dir.resolve("fast.jsonl");
    String old = new JsonObject().put("job", "fast").put("run", "earlier").encode();
    Files.writeString(fast, old + "\n{\"job\":\"fast\",\"ru"); // a record, then what a kill -9 left half-written
    ScraperConfig config = ConfigReader.read(new JsonObject().put("jobs", new JsonArray()
        .add(job("fast", "/page/1.html", "fast.jsonl"))
        .add(job("slow", "/slow-page", "slow.jsonl"))
        .add(job("files", "/page/2.html", "runs/files-{run}.jsonl").put("output", new JsonObject()
            .put("path", "runs/files-{run}.jsonl").put("keepRuns", 2)))), dir);
    Engine engine = new Engine(config.memoryBudgetBytes());
    get(vertx.deployVerticle(engine));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ScheduledJobs jobs = new ScheduledJobs(vertx, engine, config.jobs(), new Streams(out, false, false, false),
        config.dataDir());
    Promise<Void> started = Promise.promise();
    engine.engineContext().runOnContext(v -> jobs.open().onSuccess(x -> jobs.start()).onComplete(started));
    get(started.future());

    await("two runs of slow and three of files", () -> runLines(bytes, "slow").size() >= 2
        && runLines(bytes, "files").size() >= 3 && runLines(bytes, "fast").size() >= 2, bytes);
    await("the oldest run files pruned", () -> runFiles().size() == 2, bytes);
    // as at SIGTERM: the engine stops first (a run under way is cancelled), then the jobs close their outputs
    get(vertx.undeploy(engine.deploymentID()));
    Promise<Void> stopped = Promise.promise();
    engine.engineContext().runOnContext(v -> jobs.stop().onComplete(stopped));
    get(stopped.future());
    String terminal = bytes.toString(StandardCharsets.UTF_8);

    // appended after the old record, the partial line cut off; one record per run, each run its own id
    List<String> lines = Files.readAllLines(fast, StandardCharsets.UTF_8);
    assertEquals(old, lines.get(0));
    Set<String> runs = new LinkedHashSet<>();
    for (String line : lines.subList(1, lines.size())) {
      JsonObject r = new JsonObject(line); // a broken line fails here
      assertEquals(site.url("/page/1.html"), r.getString("url"));
      assertTrue(runs.add(r.getString("run")), "one record per run: " + lines);
    }
    assertTrue(runs.size() >= 2, terminal);
    assertTrue(runLines(bytes, "fast").get(0).matches("fast run \\S+: 1 URL, 1 ok, 0 errors, .* -> " 
        + Pattern.quote(fast.toString())), terminal);
    assertFalse(terminal.contains("Page 1"), "no per-URL lines: " + terminal);

    // the slow page never had two requests at once: each came after the answer to the one before
    List<long[]> spans;
    synchronized (slow) {
      spans = new ArrayList<>(slow);
    }
    assertTrue(spans.size() >= 2, terminal);
    for (int i = 1; i < spans.size(); i++) {
      assertTrue(spans.get(i - 1)[1] > 0 && spans.get(i)[0] > spans.get(i - 1)[1], "request " + i + " overlapped");
    }
    // a 2.3 s run on a 1 s schedule: at least two slots came while it went on, counted on its line
    Matcher skipped = Pattern.compile("(\\d+) slots skipped \\(still running\\)").matcher(runLines(bytes, "slow")
        .get(0));
    assertTrue(skipped.find(), terminal);
    assertTrue(Integer.parseInt(skipped.group(1)) >= 2, terminal);

    // one file per run; only the newest two remain, each holding its own run's record
    for (Path f : runFiles()) {
      JsonObject r = new JsonObject(Files.readString(f).strip());
      assertEquals("runs/files-" + r.getString("run") + ".jsonl", dir.relativize(f).toString());
    }
    assertTrue(Files.exists(dir.resolve("fast.jsonl.lock")), "the fixed output was locked");
  }

  private List<Path> runFiles() {
    try (Stream<Path> files = Files.list(dir.resolve("runs"))) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
    } catch (java.io.IOException e) {
      return List.of();
    }
  }

  @Test
  void withADataDirASlotMissedWhileTheProcessWasDownRunsOnceAtStart() throws Exception {
    Path data = dir.resolve("data");
    java.time.Instant hour = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    Files.createDirectories(data.resolve("hourly"));
    Files.writeString(data.resolve("hourly").resolve("last-slot"), hour.minusSeconds(3 * 3600) + "\n");
    ScraperConfig config = ConfigReader.read(new JsonObject().put("dataDir", "data").put("jobs", new JsonArray()
        .add(job("hourly", "/page/1.html", "hourly.jsonl").put("schedule", new JsonObject().put("every", "1h")))),
        dir);
    Engine engine = new Engine(config.memoryBudgetBytes());
    get(vertx.deployVerticle(engine));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ScheduledJobs jobs = new ScheduledJobs(vertx, engine, config.jobs(), new Streams(out, false, false, false),
        config.dataDir());
    Promise<Void> started = Promise.promise();
    engine.engineContext().runOnContext(v -> jobs.open().onSuccess(x -> jobs.start()).onComplete(started));
    get(started.future());
    await("the missed slot's run", () -> runLines(bytes, "hourly").size() == 1, bytes);
    java.time.Instant missed = hour.minusSeconds(2 * 3600);
    await("the missed slot kept as the last fired", () -> {
      try {
        return Files.readString(data.resolve("hourly").resolve("last-slot")).strip().equals(missed.toString());
      } catch (java.io.IOException e) {
        return false;
      }
    }, bytes);
    get(vertx.undeploy(engine.deploymentID()));
    Promise<Void> stopped = Promise.promise();
    engine.engineContext().runOnContext(v -> jobs.stop().onComplete(stopped));
    get(stopped.future());
    String terminal = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(terminal.contains("scraper: job hourly missed its slot at " + missed + " while the process was down; "
        + "it runs once now"), terminal);
    assertTrue(terminal.contains("next slot at " + hour.plusSeconds(3600)), terminal);
    assertEquals(1, runLines(bytes, "hourly").size(), "three missed slots, one run: " + terminal);
    assertEquals(1, Files.readAllLines(dir.resolve("hourly.jsonl")).size());
  }

  /** Starts the scheduled jobs of {@code config} on a new engine, waits for {@code runs} run lines, stops them all. */
  private String runUntil(ScraperConfig config, String job, int runs) throws Exception {
    Engine engine = new Engine(config.memoryBudgetBytes());
    get(vertx.deployVerticle(engine));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ScheduledJobs jobs = new ScheduledJobs(vertx, engine, config.jobs(), new Streams(out, false, false, false),
        config.dataDir());
    Promise<Void> started = Promise.promise();
    engine.engineContext().runOnContext(v -> jobs.open().onSuccess(x -> jobs.start()).onComplete(started));
    get(started.future());
    await(runs + " runs of " + job, () -> runLines(bytes, job).size() == runs, bytes);
    get(vertx.undeploy(engine.deploymentID()));
    Promise<Void> stopped = Promise.promise();
    engine.engineContext().runOnContext(v -> jobs.stop().onComplete(stopped));
    get(stopped.future());
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void withADataDirChangeStateAndRunSummariesSurviveANewEngine() throws Exception {
    site.route("/tagged", req -> {
      if ("\"t1\"".equals(req.getHeader("If-None-Match"))) {
        req.response().setStatusCode(304).end();
      } else {
        req.response().putHeader("ETag", "\"t1\"").putHeader("Content-Type", "text/html").end("<h1>tagged</h1>");
      }
    });
    Path data = dir.resolve("data");
    java.time.Instant hour = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    Files.createDirectories(data.resolve("watched"));
    ScraperConfig config = ConfigReader.read(new JsonObject().put("dataDir", "data").put("jobs", new JsonArray()
        .add(job("watched", "/tagged", "watched.jsonl").put("schedule", new JsonObject().put("every", "1h")))), dir);
    for (int process = 1; process <= 2; process++) { // each time a slot was missed: one run at start
      Files.writeString(data.resolve("watched/last-slot"), hour.minusSeconds(3 * 3600) + "\n");
      runUntil(config, "watched", 1);
    }
    List<String> records = Files.readAllLines(dir.resolve("watched.jsonl"));
    assertEquals(2, records.size());
    JsonObject second = new JsonObject(records.get(1));
    assertEquals(304, second.getInteger("status"), "the second engine sent the ETag the first kept: " + second);
    assertFalse(second.getBoolean("changed"));
    assertEquals("tagged", second.getJsonObject("fields").getString("title"));
    assertEquals("\"t1\"", site.lastHeaders("/tagged").get("If-None-Match"));
    List<String> summaries = Files.readAllLines(data.resolve("watched/runs.jsonl"));
    assertEquals(2, summaries.size());
    JsonObject last = new JsonObject(summaries.get(1));
    assertEquals(second.getString("run"), last.getString("id"));
    assertEquals("done", last.getString("ended"));
    assertEquals(1L, last.getLong("notModified"));
    assertEquals(1L, last.getJsonObject("statusCodes").getLong("304"));
    assertEquals(1, last.getJsonArray("perUrl").size());
    assertEquals(304, last.getJsonArray("perUrl").getJsonObject(0).getInteger("status"));
  }
}
