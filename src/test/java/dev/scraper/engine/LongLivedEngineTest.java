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
}
