package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.JarProcess;
import dev.scraper.testing.TestSite;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM at the worst moments, at the jar level: while a batch of the URL list is being read (from a named pipe,
 * whose reader waits for its writer) and while a page is being parsed. Every URL read gets exactly one record, the
 * summary is printed once, and the output is complete.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShutdownIT {
  private static Vertx vertx;
  private static TestSite site;
  /** Requests of /held/, answered only when the test ends. */
  private static final AtomicInteger held = new AtomicInteger();
  /** Completed when the big page has been written to the client. */
  private static volatile CompletableFuture<Void> bigSent = new CompletableFuture<>();

  @TempDir
  Path dir;

  @BeforeAll
  static void startSite() throws Exception {
    vertx = Vertx.vertx();
    site = TestSite.start(vertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    Buffer big = bigPage();
    for (int i = 0; i < 40; i++) {
      site.route("/held/" + i, req -> held.incrementAndGet()); // never answered: in flight until the end
    }
    site.route("/big", req -> req.response().putHeader("Content-Type", "text/html; charset=utf-8").end(big)
        .onComplete(ar -> bigSent.complete(null)));
  }

  @AfterAll
  static void stopSite() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** About 6 MB of dense markup: long enough to parse that a signal can meet it half-way. */
  private static Buffer bigPage() {
    StringBuilder b = new StringBuilder("<html><head><title>big</title></head><body><h1>Big</h1>");
    for (int i = 0; b.length() < 6_000_000; i++) {
      b.append("<div class=\"item\"><h3><a href=\"/p/").append(i).append("\">Item ").append(i)
          .append("</a></h3><p class=\"price\">$").append(i % 100).append(".99</p></div>\n");
    }
    return Buffer.buffer(b.append("</body></html>").toString());
  }

  private Path conf(String name, JsonObject job) throws IOException {
    JsonObject conf = new JsonObject().put("outputDir", dir.toString()).put("jobs", new JsonArray().add(job
        .put("name", name).put("robotsTxt", false).put("extract", new JsonObject().put("title", "h1"))
        .put("output", new JsonObject().put("path", name + ".jsonl"))));
    return Files.writeString(dir.resolve(name + ".json"), conf.encodePrettily());
  }

  private List<JsonObject> records(String name) throws IOException {
    List<JsonObject> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve(name + ".jsonl"), StandardCharsets.UTF_8)) {
      out.add(new JsonObject(line)); // a half-written line would fail here
    }
    return out;
  }

  private static Map<String, Integer> countByUrl(List<JsonObject> records) {
    Map<String, Integer> n = new HashMap<>();
    for (JsonObject r : records) {
      n.merge(r.getString("url"), 1, Integer::sum);
    }
    return n;
  }

  private static int summaries(String stdout, String job) {
    Matcher m = Pattern.compile("(?m)^== " + job + " \\(run ").matcher(stdout);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void sigtermWhileABatchOfTheUrlListIsBeingReadGivesEveryUrlReadOneRecord() throws Exception {
    Path fifo = dir.resolve("urls.fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(), "mkfifo");
    Path conf = conf("piped", new JsonObject().put("urlsFile", fifo.toString()).put("concurrency", 4)
        .put("timeoutMs", 60_000));
    int before = held.get();
    // read-write, so that opening never waits for the reader (Linux); the scraper still sees the end of the list
    // once this is closed
    try (JarProcess scraper = JarProcess.start(dir, List.of(), "-conf", conf.toString());
         java.io.RandomAccessFile pipe = new java.io.RandomAccessFile(fifo.toFile(), "rw")) {
      List<String> urls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        urls.add(site.url("/held/" + i));
      }
      pipe.write((String.join("\n", urls) + "\n").getBytes(StandardCharsets.UTF_8));
      scraper.await("four requests in flight", 30, () -> held.get() >= before + 4);
      // the scraper has taken the 20 lines and waits in its next read, which this pipe feeds after the signal
      scraper.sigterm();
      List<String> late = new ArrayList<>();
      for (int i = 20; i < 30; i++) {
        late.add(site.url("/held/" + i));
      }
      pipe.write((String.join("\n", late) + "\n").getBytes(StandardCharsets.UTF_8));
      pipe.close();
      urls.addAll(late);
      scraper.waitFor(30);
      List<JsonObject> records = records("piped");
      Map<String, Integer> byUrl = countByUrl(records);
      for (String url : urls) {
        assertEquals(1, byUrl.getOrDefault(url, 0), url + " has exactly one record\n" + scraper.describe());
      }
      assertEquals(30, records.size(), scraper.describe());
      for (JsonObject r : records) {
        assertEquals("cancelled", r.getJsonObject("error").getString("type"), r.encode());
      }
      assertEquals(1, summaries(scraper.stdout(), "piped"), "one summary\n" + scraper.describe());
      assertTrue(scraper.stdout().contains("(run stopped)"), scraper.describe());
    }
  }

  @Test
  void sigtermWhileAPageIsBeingParsedGivesItExactlyOneRecord() throws Exception {
    bigSent = new CompletableFuture<>();
    List<String> urls = new ArrayList<>(List.of(site.url("/big")));
    for (int i = 30; i < 40; i++) {
      urls.add(site.url("/held/" + i));
    }
    Path conf = conf("parsing", new JsonObject().put("urls", new JsonArray(urls)).put("timeoutMs", 60_000));
    try (JarProcess scraper = JarProcess.start(dir, List.of(), "-conf", conf.toString())) {
      bigSent.get(30, TimeUnit.SECONDS);
      scraper.sigterm(); // the page is in the parser (or just out of it): either way one record
      scraper.waitFor(30);
      List<JsonObject> records = records("parsing");
      Map<String, Integer> byUrl = countByUrl(records);
      for (String url : urls) {
        assertEquals(1, byUrl.getOrDefault(url, 0), url + " has exactly one record\n" + scraper.describe());
      }
      assertEquals(urls.size(), records.size());
      assertEquals(1, summaries(scraper.stdout(), "parsing"), "one summary\n" + scraper.describe());
    }
  }
}
