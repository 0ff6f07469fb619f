package dev.scraper.robots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.engine.EngineRun;
import dev.scraper.testing.TestSite;
import dev.scraper.testing.routes.Respond;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A URL that robots.txt refuses is decided before it takes a start slot: it costs its host no politeness time, so
 * a long delay or Crawl-delay never holds up a refusal. The bounds are generous: what they catch is a refusal
 * that waits its turn (seconds per URL), not milliseconds.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class RobotsBeforeStartTest {
  @TempDir
  Path dir;

  @Test
  void refusedUrlsDoNotWaitForTheHostsDelay(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      site.route("/robots.txt", req -> req.response().putHeader("Content-Type", "text/plain")
          .end("User-agent: *\nDisallow: /private\n"));
      site.route("/open", req -> Respond.html(req, 200, Respond.page("open", "<h1>open</h1>")));
      JsonArray urls = new JsonArray();
      for (int i = 0; i < 6; i++) {
        urls.add(site.url("/private/" + i));
      }
      urls.add(site.url("/open"));
      JsonObject job = new JsonObject().put("urls", urls).put("delayMs", 1_000)
          .put("extract", new JsonObject().put("title", "h1"));
      return EngineRun.runJob(vertx, job, dir).map(run -> {
        ctx.verify(() -> {
          assertEquals(7, run.records().size());
          assertEquals(6, run.results.get(0).stats().errors().get("robots"));
          assertEquals(1, site.hits("/open"));
          // robots.txt, then /open one delayMs later: about 1 s. Six refusals waiting their turn took 6 s or more.
          assertTrue(run.elapsedMs < 4_000, "the run took " + run.elapsedMs + " ms");
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aThousandUrlsRefusedUnderAThirtySecondCrawlDelayEndAtOnce(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      site.route("/robots.txt", req -> req.response().putHeader("Content-Type", "text/plain")
          .end("User-agent: *\nCrawl-delay: 30\nDisallow: /private\n"));
      JsonArray urls = new JsonArray();
      for (int i = 0; i < 1_000; i++) {
        urls.add(site.url("/private/" + i));
      }
      JsonObject job = new JsonObject().put("urls", urls).put("perHost", 1);
      return EngineRun.runJob(vertx, job, dir).map(run -> {
        ctx.verify(() -> {
          assertEquals(1_000, run.records().size());
          assertEquals(1_000, run.results.get(0).stats().errors().get("robots"));
          assertEquals(1, site.hits("/robots.txt"));
          // one Crawl-delay per refusal would be more than eight hours
          assertTrue(run.elapsedMs < 20_000, "the run took " + run.elapsedMs + " ms");
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }
}
