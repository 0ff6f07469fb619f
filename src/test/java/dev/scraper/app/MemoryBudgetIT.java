package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.JarProcess;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory budget at the jar level: 200 pages of 9 MiB each through a 256 MiB heap. Without a budget the bodies
 * in flight and waiting for the parser alone would need several times the heap; with it every page gets its
 * record and no OutOfMemoryError is thrown.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class MemoryBudgetIT {
  private static final int PAGES = 200;
  private static final int PAGE_BYTES = 9 * 1024 * 1024;
  private static Vertx vertx;
  private static HttpServer server;

  @TempDir
  Path dir;

  @BeforeAll
  static void startSite() throws Exception {
    vertx = Vertx.vertx();
    Buffer page = page();
    // a server of its own, without compression: the bodies travel (and are held) at their full 9 MiB
    server = vertx.createHttpServer().requestHandler(req -> req.response()
            .putHeader("Content-Type", "text/html; charset=utf-8").end(page.copy()))
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopSite() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** 9 MiB of paragraphs with a title and a price to extract. */
  private static Buffer page() {
    StringBuilder b = new StringBuilder(PAGE_BYTES + 256)
        .append("<html><head><title>nine</title></head><body><h1>Nine</h1><p class=\"price\">$9.99</p>");
    for (int i = 0; b.length() < PAGE_BYTES - 64; i++) {
      b.append("<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor ").append(i)
          .append("</p>\n");
    }
    return Buffer.buffer(b.append("</body></html>").toString());
  }

  @Test
  void twoHundredPagesOfNineMibThroughA256MibHeapAllGetTheirRecords() throws Exception {
    JsonArray urls = new JsonArray();
    for (int i = 0; i < PAGES; i++) {
      urls.add("http://127.0.0.1:" + server.actualPort() + "/nine/" + i);
    }
    JsonObject conf = new JsonObject().put("outputDir", dir.toString()).put("quiet", true).put("jobs",
        new JsonArray().add(new JsonObject().put("name", "nine").put("urls", urls).put("robotsTxt", false)
            .put("timeoutMs", 120_000).put("extract", new JsonObject().put("title", "h1").put("price", ".price"))
            .put("output", new JsonObject().put("path", "nine.jsonl"))));
    Path file = Files.writeString(dir.resolve("nine.json"), conf.encode());

    try (JarProcess scraper = JarProcess.start(dir, List.of("-Xmx256m"), "-conf", file.toString())) {
      int exit = scraper.waitFor(280);
      String describe = scraper.describe();
      assertFalse(describe.contains("OutOfMemoryError"), describe);
      assertEquals(0, exit, describe);
      List<String> lines = Files.readAllLines(dir.resolve("nine.jsonl"), StandardCharsets.UTF_8);
      assertEquals(PAGES, lines.size(), describe);
      Set<String> seen = new HashSet<>();
      for (String line : lines) {
        JsonObject r = new JsonObject(line);
        assertNull(r.getValue("error"), r.encode());
        assertEquals("Nine", r.getJsonObject("fields").getString("title"));
        assertTrue(r.getLong("bytes") >= PAGE_BYTES - 64, r.encode());
        seen.add(r.getString("url"));
      }
      assertEquals(PAGES, seen.size());
    }
  }
}
