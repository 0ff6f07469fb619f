package dev.scraper.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.config.ConfigReader;
import dev.scraper.config.ScraperConfig;
import dev.scraper.testing.TestSite;
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
 * One engine serves many runs for as long as it lives: later runs share what earlier ones learned about a host
 * (robots.txt, its pace), and the engine stays up between them, with nothing sized from the first config.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class LongLivedEngineTest {
  @TempDir
  Path dir;

  private ScraperConfig config(String name, TestSite site, int from, int perHost) {
    JsonArray urls = new JsonArray();
    for (int i = from; i < from + 5; i++) {
      urls.add(site.url("/page/" + i + ".html"));
    }
    return ConfigReader.read(EngineRun.oneJob(new JsonObject().put("name", name).put("urls", urls)
        .put("perHost", perHost).put("extract", new JsonObject().put("title", "h1"))), dir);
  }

  @Test
  void runsOneAfterAnotherOnOneEngineShareItsRobotsCacheAndEachGetsItsOwnId(Vertx vertx, VertxTestContext ctx) {
    Engine engine = new Engine(64L << 20);
    TestSite.start(vertx).compose(site -> {
      site.route("/robots.txt", req -> req.response().putHeader("Content-Type", "text/plain")
          .end("User-agent: *\nDisallow: /page/3\n"));
      return vertx.deployVerticle(engine)
          .compose(id -> EngineRun.run(vertx, engine, config("first", site, 1, 2)))
          .compose(first -> EngineRun.run(vertx, engine, config("second", site, 3, 8)).map(second -> {
            ctx.verify(() -> {
              assertEquals(5, first.records().size());
              assertEquals(5, second.records().size());
              assertEquals(1, site.hits("/robots.txt"), "the second run used the rules the first one fetched");
              assertEquals("robots", EngineRun.errorType(second.byUrl().get(site.url("/page/3.html"))));
              assertNotEquals(first.results.get(0).runId(), second.results.get(0).runId());
              assertTrue(engine.runs().isEmpty(), "no run left behind");
            });
            return second;
          }));
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aCancelledRunLeavesNoneOfItsUrlsWaitingInTheEngine(Vertx vertx, VertxTestContext ctx) {
    Engine engine = new Engine(64L << 20);
    TestSite.start(vertx).compose(site -> {
      site.route("/hang", req -> {
        // never answered: maxRunMs cancels the run while its other URLs wait for its only slot
      });
      JsonArray urls = new JsonArray();
      for (int i = 0; i < 20; i++) {
        urls.add(site.url("/hang?" + i));
      }
      ScraperConfig config = ConfigReader.read(EngineRun.oneJob(new JsonObject().put("name", "cancelled")
          .put("urls", urls).put("concurrency", 1).put("robotsTxt", false).put("retries", 0)
          .put("timeoutMs", 60_000).put("idleTimeoutMs", 60_000).put("maxRunMs", 300)), dir);
      return vertx.deployVerticle(engine).compose(id -> EngineRun.run(vertx, engine, config));
    }).compose(run -> {
      ctx.verify(() -> assertEquals(20, run.records().size(), "each URL its record"));
      return waitingOnceSettled(vertx, engine, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
    }).onComplete(ctx.succeeding(waiting -> ctx.verify(() -> {
      assertEquals(0, waiting, "the cancelled run's URLs left the hosts' lines (else they keep the run in memory)");
      ctx.completeNow();
    })));
  }

  /** The engine's waiting URLs, read on its context, polled until 0 or the deadline (the board drops them at once). */
  private static io.vertx.core.Future<Integer> waitingOnceSettled(Vertx vertx, Engine engine, long deadline) {
    io.vertx.core.Promise<Integer> waiting = io.vertx.core.Promise.promise();
    engine.engineContext().runOnContext(v -> waiting.complete(engine.waiting()));
    return waiting.future().compose(n -> n == 0 || System.nanoTime() > deadline
        ? io.vertx.core.Future.succeededFuture(n)
        : io.vertx.core.Future.<Void>future(p -> vertx.setTimer(50, t -> p.complete()))
            .compose(x -> waitingOnceSettled(vertx, engine, deadline)));
  }
}
