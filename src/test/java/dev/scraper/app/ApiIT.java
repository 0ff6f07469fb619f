package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.JarProcess;
import dev.scraper.testing.TestSite;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The management API of the jar as users start it: a config with "http" on a free port and no jobs stays up; a job
 * posted to it runs on request, its records are read back through the API and are in its file; SIGTERM ends the
 * process with 0.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ApiIT {
  private static final Pattern LISTENING = Pattern.compile("management API on http://127\\.0\\.0\\.1:(\\d+)");
  private static final String TOKEN = "it-token-0123456789abcdef";
  private static Vertx vertx;
  private static TestSite site;

  @TempDir
  Path dir;

  @BeforeAll
  static void startSite() throws Exception {
    vertx = Vertx.vertx();
    site = get(TestSite.start(vertx));
  }

  @AfterAll
  static void stopSite() throws Exception {
    if (vertx != null) {
      get(vertx.close());
    }
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  void aJobPostedToTheJarRunsItsRecordsAreReadBackAndSigtermExitsZero() throws Exception {
    Files.writeString(dir.resolve("conf.json"), new JsonObject()
        .put("http", new JsonObject().put("port", 0).put("token", TOKEN)).put("jobs", new JsonArray()).encode());
    try (JarProcess scraper = JarProcess.start(dir, List.of(), "-conf", "conf.json")) {
      Matcher[] port = new Matcher[1];
      scraper.await("the API's start-up line", 30, () -> {
        try {
          port[0] = LISTENING.matcher(scraper.stdout() + scraper.stderr());
          return port[0].find();
        } catch (java.io.IOException e) {
          return false;
        }
      });
      int p = Integer.parseInt(port[0].group(1));
      WebClient client = WebClient.create(vertx);
      JsonObject job = new JsonObject().put("name", "books").put("urls", new JsonArray()
          .add(site.url("/page/1.html")).add(site.url("/page/2.html"))).put("robotsTxt", false)
          .put("extract", new JsonObject().put("title", "h1")).put("output", new JsonObject().put("path", "books.jsonl"));
      HttpResponse<Buffer> added = get(client.post(p, "127.0.0.1", "/jobs").bearerTokenAuthentication(TOKEN)
          .sendJsonObject(job));
      assertEquals(201, added.statusCode(), added.bodyAsString());
      HttpResponse<Buffer> started = get(client.post(p, "127.0.0.1", "/jobs/books/runs")
          .bearerTokenAuthentication(TOKEN).send());
      assertEquals(202, started.statusCode(), started.bodyAsString());
      String id = started.bodyAsJsonObject().getString("id");
      JsonObject[] run = new JsonObject[1];
      scraper.await("the end of run " + id, 30, () -> {
        try {
          run[0] = get(client.get(p, "127.0.0.1", "/runs/" + id).bearerTokenAuthentication(TOKEN).send())
              .bodyAsJsonObject();
          return !"running".equals(run[0].getString("state"));
        } catch (Exception e) {
          return false;
        }
      });
      assertEquals("done", run[0].getString("state"), run[0].encode());
      assertEquals(2, run[0].getInteger("ok"));
      String records = get(client.get(p, "127.0.0.1", "/runs/" + id + "/records").bearerTokenAuthentication(TOKEN)
          .send()).bodyAsString();
      List<String> lines = records.lines().toList();
      assertEquals(2, lines.size(), records);
      assertEquals(java.util.Set.of("Page 1", "Page 2"), lines.stream() // in the order the pages ended
          .map(l -> new JsonObject(l).getJsonObject("fields").getString("title")).collect(Collectors.toSet()));
      assertEquals(records, Files.readString(dir.resolve("books.jsonl")));
      assertEquals(401, get(client.get(p, "127.0.0.1", "/jobs").send()).statusCode());
      client.close();

      scraper.sigterm();
      assertEquals(0, scraper.waitFor(30), scraper.describe());
      assertTrue(scraper.stdout().contains("job books run " + id + ": 2 URLs, 2 ok, 0 errors"), scraper.describe());
    }
  }

  /** Start-up of a run without "http" pays nothing for the API: none of its classes, Vert.x Web's or Micrometer's. */
  @Test
  void aRunWithoutHttpLoadsNoClassOfTheApiVertxWebOrMicrometer() throws Exception {
    Files.writeString(dir.resolve("conf.json"), new JsonObject().put("jobs", new JsonArray().add(new JsonObject()
        .put("name", "one").put("urls", new JsonArray().add(site.url("/page/1.html"))).put("robotsTxt", false)
        .put("output", new JsonObject().put("path", "one.jsonl")))).encode());
    try (JarProcess scraper = JarProcess.start(dir, List.of("-Xlog:class+load=info"), "-conf", "conf.json")) {
      assertEquals(0, scraper.waitFor(60), scraper.describe());
      String loaded = scraper.stdout();
      assertTrue(loaded.contains("dev.scraper.engine.Engine "), "no class loading log in stdout");
      for (String prefix : List.of("dev.scraper.api.", "dev.scraper.app.ApiMode", "io.micrometer.", "io.prometheus.",
          "io.vertx.ext.web.Router", "io.vertx.ext.web.handler.")) {
        assertTrue(!loaded.contains("] " + prefix), prefix + " loaded by a run without http");
      }
    }
  }
}
