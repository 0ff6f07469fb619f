package dev.scraper.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.TestSite;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Paths through the engine that only show at scale or with odd input. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class JobRunnerEdgeCasesTest {
  @TempDir
  Path dir;

  private static Handler<HttpServerRequest> text(String body) {
    return req -> req.response().putHeader("Content-Type", "text/plain").end(body);
  }

  @Test
  void manyUrlsRefusedAtOnceByCachedRobotsRulesAllGetTheirRecords(Vertx vertx, VertxTestContext ctx)
      throws Exception {
    int n = 20_000;
    TestSite.start(vertx).compose(site -> {
      site.route("/robots.txt", text("User-agent: *\nDisallow: /\n"));
      StringBuilder urls = new StringBuilder();
      for (int i = 0; i < n; i++) {
        urls.append(site.url("/page/" + i + ".html")).append('\n');
      }
      try {
        Files.writeString(dir.resolve("urls.txt"), urls);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      JsonObject job = new JsonObject().put("urlsFile", dir.resolve("urls.txt").toString())
          .put("concurrency", 2000).put("perHost", 256);
      return EngineRun.run(vertx, EngineRun.oneJob(job), dir).map(run -> {
        ctx.verify(() -> {
          List<JsonObject> records = run.records();
          assertEquals(n, records.size());
          Set<String> distinct = new HashSet<>();
          for (JsonObject r : records) {
            assertEquals("robots", EngineRun.errorType(r));
            distinct.add(r.getString("url"));
          }
          assertEquals(n, distinct.size());
          assertEquals(0, site.hits("/page/1.html"));
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aMalformedByteInTheUrlsFileSpoilsOnlyItsOwnLine(Vertx vertx, VertxTestContext ctx) throws Exception {
    TestSite.start(vertx).compose(site -> {
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      file.writeBytes((site.url("/page/1.html") + "\n").getBytes(StandardCharsets.UTF_8));
      file.writeBytes(new byte[] {'h', 't', 't', 'p', ':', '/', '/', (byte) 0xC3, (byte) 0x28, '\n'}); // not UTF-8
      file.writeBytes((site.url("/page/2.html") + "\n").getBytes(StandardCharsets.UTF_8));
      try {
        Files.write(dir.resolve("urls.txt"), file.toByteArray());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      JsonObject job = new JsonObject().put("urlsFile", dir.resolve("urls.txt").toString())
          .put("extract", new JsonObject().put("title", "h1"));
      return EngineRun.run(vertx, EngineRun.oneJob(job), dir).map(run -> {
        ctx.verify(() -> {
          assertEquals(3, run.records().size(), run.terminal);
          assertNull(run.byUrl().get(site.url("/page/2.html")).getJsonObject("error"));
          assertNull(run.results.get(0).sourceFailure());
          assertEquals(1, run.results.get(0).stats().failed());
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aCrawlDelayLongerThanTheParsersLimitIsCappedNotARefusal(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      site.route("/robots.txt", text("User-agent: *\nCrawl-delay: 100000\nAllow: /\n"));
      JsonObject job = new JsonObject()
          .put("urls", new JsonArray().add(site.url("/page/1.html")).add(site.url("/page/2.html")))
          .put("maxCrawlDelayMs", 100).put("extract", new JsonObject().put("title", "h1"));
      return EngineRun.run(vertx, EngineRun.oneJob(job), dir).map(run -> {
        ctx.verify(() -> {
          for (JsonObject r : run.records()) {
            assertNull(r.getJsonObject("error"), r.encode());
          }
          assertTrue(run.elapsedMs < 5_000, "the 100,000 s delay was capped to 100 ms: " + run.elapsedMs);
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void urlsStillQueuedWhenTheOutputFailsAreCancelledNotFetched(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      JsonArray urls = new JsonArray();
      for (int i = 0; i < 300; i++) {
        urls.add(site.url("/counted/" + i + ".html?ms=100"));
      }
      try {
        Files.createSymbolicLink(dir.resolve("full.jsonl"), Path.of("/dev/full")); // writes fail: no space
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      JsonObject conf = new JsonObject().put("jobs", new JsonArray().add(new JsonObject()
          .put("name", "full").put("urls", urls).put("concurrency", 4).put("robotsTxt", false)
          .put("output", new JsonObject().put("path", "full.jsonl"))));
      return EngineRun.run(vertx, conf, dir).map(run -> {
        ctx.verify(() -> {
          var result = run.results.get(0);
          assertTrue(result.outputFailure() != null, "the output failed");
          assertEquals(300, result.stats().done(), "every URL still has its outcome");
          assertTrue(result.stats().errors().getOrDefault("cancelled", 0L) > 200, result.stats().errors().toString());
          assertTrue(site.totalCounted() < 100, "queued URLs were not fetched: " + site.totalCounted());
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aRetriedUrlReportsTheLatencyOfItsFinalAttempt(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      int[] calls = {0};
      site.route("/flaky", req -> {
        if (calls[0]++ == 0) {
          req.response().setStatusCode(503).putHeader("Retry-After", "1").end();
        } else {
          req.response().putHeader("Content-Type", "text/html").end("<h1>ok</h1>");
        }
      });
      JsonObject job = new JsonObject().put("urls", new JsonArray().add(site.url("/flaky")))
          .put("extract", new JsonObject().put("title", "h1"));
      return EngineRun.run(vertx, EngineRun.oneJob(job), dir).map(run -> {
        ctx.verify(() -> {
          JsonObject r = run.records().get(0);
          assertEquals(2, r.getInteger("attempts"));
          assertTrue(r.getLong("latencyMs") < 900, "not the 1 s Retry-After wait: " + r.encode());
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }
}
