package dev.scraper.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** {@code maxRunMs} ends a run that hangs: its unfinished URLs get {@code cancelled} records that say why. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class RunDeadlineTest {
  @TempDir
  Path dir;

  @Test
  void aRunStillGoingAfterMaxRunMsIsCancelled(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      site.route("/hang", req -> {
        // never answered: only maxRunMs can end this run (its timeouts are a minute)
      });
      JsonObject job = new JsonObject().put("robotsTxt", false).put("timeoutMs", 60_000).put("idleTimeoutMs", 60_000)
          .put("retries", 0).put("maxRunMs", 300)
          .put("urls", new JsonArray().add(site.url("/page/1.html")).add(site.url("/hang")));
      return EngineRun.runJob(vertx, job, dir);
    }).onComplete(ctx.succeeding(run -> ctx.verify(() -> {
      JsonObject hung = run.byUrl().values().stream().filter(r -> r.getString("url").endsWith("/hang"))
          .findFirst().orElseThrow();
      assertEquals("cancelled", EngineRun.errorType(hung));
      assertEquals("maxRunMs (300 ms) ended the run before this URL was done",
          hung.getJsonObject("error").getString("message"));
      JsonObject page = run.byUrl().values().stream().filter(r -> r.getString("url").endsWith("/page/1.html"))
          .findFirst().orElseThrow();
      assertEquals(200, page.getInteger("status"), "a URL done in time keeps its record");
      assertTrue(run.elapsedMs < 30_000, "ended by maxRunMs, not by a timeout: " + run.elapsedMs + " ms");
      assertTrue(run.terminal.contains("still going after maxRunMs (300 ms)"), run.terminal);
      ctx.completeNow();
    })));
  }
}
