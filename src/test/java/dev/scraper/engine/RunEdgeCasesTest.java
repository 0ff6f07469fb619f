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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Paths through a {@link Run} that only show at scale or with odd input. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class RunEdgeCasesTest {
  @TempDir
  Path dir;

  /** What the run printed, without its per-URL lines. */
  private static String summary(String terminal) {
    return terminal.lines().filter(l -> !l.startsWith("OK ") && !l.startsWith("ERR "))
        .collect(Collectors.joining("\n"));
  }

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
          assertEquals(n, records.size(), "records in the file; the run's summary:\n" + summary(run.terminal));
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
      List<Long> starts = new CopyOnWriteArrayList<>();
      for (String path : List.of("/timed/1", "/timed/2")) {
        site.route(path, req -> {
          starts.add(System.nanoTime());
          req.response().putHeader("Content-Type", "text/html").end("<h1>timed</h1>");
        });
      }
      JsonObject job = new JsonObject()
          .put("urls", new JsonArray().add(site.url("/timed/1")).add(site.url("/timed/2")))
          .put("maxCrawlDelayMs", 100).put("extract", new JsonObject().put("title", "h1"));
      return EngineRun.run(vertx, EngineRun.oneJob(job), dir).map(run -> {
        ctx.verify(() -> {
          for (JsonObject r : run.records()) {
            assertNull(r.getJsonObject("error"), r.encode());
          }
          assertEquals(2, starts.size());
          // measured on the server; capped at 100 ms. Uncapped, or capped only by the default maxCrawlDelayMs
          // (30 s), the second start would come 30 s or more after the first.
          long gapMs = Math.abs(starts.get(1) - starts.get(0)) / 1_000_000;
          assertTrue(gapMs < 10_000, "the 100,000 s delay was capped to 100 ms, yet the starts were " + gapMs
              + " ms apart");
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void urlsStillQueuedWhenTheOutputFailsAreCancelledNotFetched(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      JsonArray urls = new JsonArray();
      // Each answer takes 250 ms, 4 at a time: even if the failed write is noticed a few seconds late on a loaded
      // machine, far fewer than 100 URLs have been requested by then.
      for (int i = 0; i < 300; i++) {
        urls.add(site.url("/counted/" + i + ".html?ms=250"));
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
          req.response().setStatusCode(503).putHeader("Retry-After", "5").end();
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
          // A latency that took in the 5 s Retry-After wait would be over 5000 ms; one local request on a loaded
          // machine stays far below 4000 ms.
          assertTrue(r.getLong("latencyMs") < 4000, "not the 5 s Retry-After wait: " + r.encode());
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }
}
