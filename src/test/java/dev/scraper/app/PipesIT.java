package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.JarProcess;
import dev.scraper.testing.TestSite;
import dev.scraper.testing.routes.Respond;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar in a pipe, as {@code cat urls.txt | scraper -conf probe.json | jq ...} runs it: {@code "output": {"path":
 * "-"}} streams records to stdout while the run goes on (the lines people read go to stderr), {@code "urlsFile": "-"}
 * reads URLs from stdin as they come, a reader that closes the pipe ends the run with exit 3, and SIGTERM is not held
 * up by a stdin that stays open.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PipesIT {
  private static final ProcessBuilder.Redirect PIPE = ProcessBuilder.Redirect.PIPE;
  private static final ProcessBuilder.Redirect NO_INPUT = ProcessBuilder.Redirect.from(new java.io.File("/dev/null"));
  private Vertx vertx;
  private TestSite site;
  /** Requests to /held, answered when the test says so. */
  private final ConcurrentLinkedQueue<HttpServerRequest> held = new ConcurrentLinkedQueue<>();
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private JarProcess scraper;

  @TempDir
  Path dir;

  @BeforeEach
  void startSite() throws Exception {
    vertx = Vertx.vertx();
    site = TestSite.start(vertx).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    site.route("/held", held::add);
  }

  @AfterEach
  void stop() throws Exception {
    if (scraper != null) {
      scraper.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  void aRecordReachesTheReaderOfStdoutBeforeASlowUrlIsAnswered() throws Exception {
    String fast = site.url("/page/1.html");
    String slow = site.url("/held");
    scraper = start(NO_INPUT, "-conf", conf(new JsonArray().add(fast).add(slow), null).encode());

    JsonObject first = nextRecord(30);
    assertEquals(fast, first.getString("url"), first.encode());
    assertEquals("Page 1", first.getJsonObject("fields").getString("title"));
    assertEquals(1, held.size(), "the slow URL is asked for and not answered yet");
    assertTrue(scraper.alive(), "the run goes on while its first record is read");

    vertx.runOnContext(v -> Respond.html(held.poll(), 200, Respond.page("Held", "<h1>Held</h1>")));
    JsonObject second = nextRecord(30);
    assertEquals(slow, second.getString("url"));
    assertEquals(0, scraper.waitFor(30), scraper.describe());
    assertNull(lines.poll(5, TimeUnit.SECONDS), "two records, nothing else on stdout");
    String stderr = scraper.stderr();
    assertTrue(stderr.lines().anyMatch(l -> l.startsWith("OK  200") && l.endsWith(fast)), stderr);
    assertTrue(stderr.lines().anyMatch(l -> l.equals("URLs      2")), "the summary goes to stderr: " + stderr);
    assertTrue(stderr.lines().anyMatch(l -> l.equals("output    stdout")), stderr);
  }

  @Test
  void urlsAreReadFromStdinAsTheyComeAndTheirRecordsGoOutMeanwhile() throws Exception {
    scraper = start(PIPE, "-conf", conf(null, "-").encode());
    OutputStream stdin = scraper.stdin();
    stdin.write((site.url("/page/2.html") + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();

    JsonObject first = nextRecord(30); // the record of the first line, while stdin is still open
    assertEquals(site.url("/page/2.html"), first.getString("url"));
    stdin.write(("# a comment\n\n" + site.url("/page/3.html") + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.close();

    assertEquals(site.url("/page/3.html"), nextRecord(30).getString("url"));
    assertEquals(0, scraper.waitFor(30), scraper.describe());
    assertTrue(scraper.stderr().contains("URLs      2"), scraper.describe());
  }

  @Test
  void aReaderThatClosesThePipeEndsTheRunWithExitThreeAndOneMessage() throws Exception {
    JsonArray urls = new JsonArray().add(site.url("/page/4.html"));
    for (int i = 0; i < 20; i++) {
      urls.add(site.url("/slow?ms=" + (300 + 50 * i) + "&i=" + i));
    }
    scraper = start(NO_INPUT, "-conf", conf(urls, null).encode());

    assertEquals(site.url("/page/4.html"), nextRecord(30).getString("url"));
    scraper.stdoutPipe().close(); // as `| head -1` does once it has its line

    assertEquals(3, scraper.waitFor(30), scraper.describe());
    String stderr = scraper.stderr();
    assertTrue(stderr.lines().anyMatch(l -> l.equals(
        "scraper: cannot write output 'stdout': the reader closed the pipe (Broken pipe)")), stderr);
    assertFalse(stderr.contains("Exception") || stderr.contains("\tat "), "no stack trace: " + stderr);
    assertTrue(stderr.lines().anyMatch(l -> l.startsWith("written   ")), "the summary says what was written: " + stderr);
  }

  @Test
  void sigtermIsNotHeldUpByAStdinThatStaysOpen() throws Exception {
    scraper = start(PIPE, "-conf", conf(null, "-").encode());
    scraper.stdin().write((site.url("/page/5.html") + "\n").getBytes(StandardCharsets.UTF_8));
    scraper.stdin().flush(); // and never closed: a reader blocks on it

    assertEquals(site.url("/page/5.html"), nextRecord(30).getString("url"));
    long start = System.nanoTime();
    scraper.sigterm();
    scraper.waitFor(20);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(ms < 10_000, "the run took " + ms + " ms to stop");
    assertTrue(scraper.stderr().contains("(run stopped)"), scraper.describe());
  }

  @Test
  void onlyOneJobMayWriteToStdoutAndOnlyOneMayReadStdin() throws Exception {
    JsonObject conf = conf(null, "-");
    JsonObject other = conf.getJsonArray("jobs").getJsonObject(0).copy().put("name", "other");
    conf.getJsonArray("jobs").add(other);
    scraper = JarProcess.start(dir, List.of(), "-conf", conf.encode());

    assertEquals(2, scraper.waitFor(30), scraper.describe());
    String stderr = scraper.stderr();
    assertTrue(stderr.contains("jobs[1].urlsFile: \"-\" (stdin) is already read by jobs[0].urlsFile; only one job may"
        + " read stdin"), stderr);
    assertTrue(stderr.contains("jobs[1].output.path: \"-\" (stdout) is already the output of jobs[0].output.path;"
        + " only one job may write to stdout"), stderr);
    assertEquals(0, site.hits("/robots.txt"), "nothing was fetched");
  }

  // ---------------------------------------------------------------------------------------------------- helpers

  /** One job writing to stdout, with {@code urls} and/or {@code urlsFile}. */
  private static JsonObject conf(JsonArray urls, String urlsFile) {
    JsonObject job = new JsonObject().put("name", "pipe")
        .put("extract", new JsonObject().put("title", "h1"))
        .put("output", new JsonObject().put("path", "-"));
    if (urls != null) {
      job.put("urls", urls);
    }
    if (urlsFile != null) {
      job.put("urlsFile", urlsFile);
    }
    return new JsonObject().put("jobs", new JsonArray().add(job));
  }

  /** Starts the jar with stdout a pipe, its lines collected by a thread of this test. */
  private JarProcess start(ProcessBuilder.Redirect stdin, String... args) throws IOException {
    JarProcess p = JarProcess.start(dir, List.of(), stdin, PIPE, args);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.stdoutPipe(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        // closed by the test
      }
    }, "stdout-reader");
    reader.setDaemon(true);
    reader.start();
    return p;
  }

  private JsonObject nextRecord(long seconds) throws Exception {
    String line = lines.poll(seconds, TimeUnit.SECONDS);
    assertNotNull(line, "no record on stdout within " + seconds + " s\n" + scraper.describe());
    return new JsonObject(line);
  }
}
