package dev.scraper.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.hostile.CharsetRoute;
import dev.scraper.testing.hostile.ConnectionRecord;
import dev.scraper.testing.hostile.GzipBombRoute;
import dev.scraper.testing.hostile.HostileRoutes;
import dev.scraper.testing.hostile.HostileServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** One job over every misbehaviour of the hostile server: each URL gets its record, and nothing hangs or blows up. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class HostileWebTest {
  /**
   * The budgets: the routes that answer (a 4-hop chain, the charset pages) must finish within them while 64 hostile
   * connections run, also on a loaded machine; the idle timeout stays above the slow routes' 500 ms gaps, so that
   * only the whole-request budget stops those.
   */
  static final long TIMEOUT_MS = 5000;
  static final long IDLE_MS = 2000;
  static final long MAX_BODY = 1 << 20;

  @TempDir
  Path dir;

  @Test
  void everyMisbehaviourGetsItsErrorTypeWithinTheBudgetsAndBoundedMemory(Vertx vertx, VertxTestContext ctx) {
    AtomicLong peakHeap = new AtomicLong();
    long sampler = vertx.setPeriodic(20, id -> {
      Runtime rt = Runtime.getRuntime();
      peakHeap.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
    });
    // the bomb (1 GiB of zeros, gzipped) is made before the clock starts
    GzipBombRoute.bomb(vertx).compose(b -> HostileServer.start(vertx)).compose(server -> {
      Map<String, String> expected = HostileRoutes.EXPECTED_ERROR;
      JsonArray urls = new JsonArray();
      expected.keySet().forEach(path -> urls.add(server.url(path)));
      JsonObject job = new JsonObject().put("urls", urls)
          .put("concurrency", 64).put("perHost", 64)
          .put("timeoutMs", TIMEOUT_MS).put("idleTimeoutMs", IDLE_MS).put("connectTimeoutMs", IDLE_MS)
          .put("maxRedirects", 5).put("maxBodyBytes", MAX_BODY).put("retries", 0)
          .put("extract", new JsonObject().put("title", "title").put("h1", "h1"));
      long started = System.nanoTime();
      return EngineRun.run(vertx, EngineRun.oneJob(job), dir).map(run -> {
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        vertx.cancelTimer(sampler);
        ctx.verify(() -> {
          Map<String, JsonObject> records = run.byUrl();
          assertEquals(expected.size(), records.size(), "one record per URL");
          expected.forEach((path, type) -> {
            JsonObject r = records.get(server.url(path));
            assertNotNull(r, path);
            assertEquals(type, EngineRun.errorType(r), path + " -> " + r.encode());
          });
          // charsets decided like a browser: BOM, header, meta, UTF-8
          CharsetRoute.EXPECTED.forEach((name, text) -> assertEquals(text,
              records.get(server.url(CharsetRoute.PREFIX + name)).getJsonObject("fields").getString("h1"), name));
          // the run ends within the budgets: the slow URLs side by side, one timeoutMs for all of them (five of them
          // one after another would take 25 s; a connection left open, the routes' 60 s), with slack for a loaded
          // machine
          assertTrue(tookMs < 2 * TIMEOUT_MS, "run took " + tookMs + " ms");
          // every slow or endless connection was closed by us, within its deadline (measured on the server; the
          // routes would go on for 60 s)
          for (String path : List.of("/slow-headers", "/slow-body", "/stall", "/endless-chunked", "/ssh-banner")) {
            for (ConnectionRecord c : server.connections(path)) {
              assertTrue(c.closedByClient(), path + " was not closed by the client: " + c);
              assertTrue(c.lifetimeMillis() <= TIMEOUT_MS + 5000, path + " lived " + c.lifetimeMillis() + " ms");
            }
          }
          // a response head came for these, so their records keep its status
          for (String path : List.of("/huge-declared", "/endless-chunked", "/stall", "/slow-body")) {
            assertEquals(200, records.get(server.url(path)).getInteger("status"), path);
          }
          // caps stop the transfer, not just the record: a few MB at most went out
          for (String path : List.of("/huge-declared", "/endless-chunked")) {
            for (ConnectionRecord c : server.connections(path)) {
              assertTrue(c.bytesWritten() < 64L * MAX_BODY, path + " wrote " + c.bytesWritten() + " bytes");
            }
          }
          assertTrue(peakHeap.get() < 400L << 20, "heap peaked at " + (peakHeap.get() >> 20) + " MB");
          // nothing from a file: URL appears anywhere
          String written = Files.readString(run.config.jobs().get(0).output().path());
          assertFalse(written.contains("root:"), "contents of /etc/passwd leaked");
          for (JsonObject r : run.records()) {
            assertTrue(r.getString("finalUrl").startsWith("http://"), r.encode());
          }
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void transientFailuresAreRetriedUntilTheyAnswer(Vertx vertx, VertxTestContext ctx) {
    HostileServer.start(vertx).compose(server -> {
      JsonArray urls = new JsonArray()
          .add(server.url("/flaky503?key=a&fails=2"))
          .add(server.url("/flaky-close?key=b&fails=2"))
          .add(server.url("/redirect-other-port?port=" + server.port()).replace("/page", "/page"));
      JsonObject job = new JsonObject().put("urls", urls).put("retries", 2).put("timeoutMs", 10_000)
          .put("extract", new JsonObject().put("h1", "h1"));
      return EngineRun.run(vertx, EngineRun.oneJob(job), dir).map(run -> {
        ctx.verify(() -> {
          Map<String, JsonObject> r = run.byUrl();
          JsonObject flaky503 = r.get(server.url("/flaky503?key=a&fails=2"));
          assertEquals(null, EngineRun.errorType(flaky503), flaky503.encode());
          assertEquals(3, flaky503.getInteger("attempts"));
          JsonObject flakyClose = r.get(server.url("/flaky-close?key=b&fails=2"));
          assertEquals(null, EngineRun.errorType(flakyClose), flakyClose.encode());
          assertEquals(3, flakyClose.getInteger("attempts"));
          assertTrue(run.terminal.contains("retries   4"), run.terminal);
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }
}
