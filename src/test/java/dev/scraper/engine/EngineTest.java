package dev.scraper.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.TestSite;
import dev.scraper.testing.routes.Respond;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.dns.AddressResolverOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link Engine} end to end, through {@link EngineRun}: records, error types, caps, the output file. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class EngineTest {
  @TempDir
  Path dir;

  @Test
  void everyUrlOfAMixedListGetsExactlyOneRecordWithItsErrorType(VertxTestContext ctx) {
    // DNS goes to a closed port on loopback, so the unresolvable host fails without leaving the machine.
    Vertx vertx = Vertx.vertx(new VertxOptions().setAddressResolverOptions(new AddressResolverOptions()
        .addServer("127.0.0.1:9").setQueryTimeout(300).setMaxQueries(1)));
    TestSite.start(vertx).compose(site -> {
      JsonArray urls = new JsonArray()
          .add(site.url("/page/1.html"))
          .add(site.url("/status/404"))
          .add(site.url("/status/500"))
          .add("http://127.0.0.1:1/refused")
          .add("http://no-such-host.invalid/")
          .add(site.url("/slow?ms=60000"))
          .add(site.url("/png"))
          .add(site.url("/png-as-html"))
          .add(site.url("/redirect/3"))
          .add(site.url("/loop"));
      // robots.txt stays on: a host whose robots.txt cannot be fetched (refused, unresolvable) must still give the
      // page its own error. Its fetch has min(timeoutMs, 10 s), so timeoutMs is generous for every URL and for
      // robots.txt alike: on a loaded machine a 1 s budget ran out on robots.txt and turned the page into "robots".
      // Only the 60 s page can reach 5 s.
      JsonObject job = new JsonObject().put("urls", urls).put("timeoutMs", 5000)
          .put("extract", new JsonObject().put("title", "h1"));
      return EngineRun.run(vertx, EngineRun.oneJob(job), dir).map(run -> {
        ctx.verify(() -> {
          assertEquals(10, run.records().size(), "one record per URL");
          Map<String, JsonObject> r = run.byUrl();
          assertNull(r.get(site.url("/page/1.html")).getJsonObject("error"));
          assertEquals("Page 1", r.get(site.url("/page/1.html")).getJsonObject("fields").getString("title"));
          assertEquals("http-status", EngineRun.errorType(r.get(site.url("/status/404"))));
          assertEquals(404, r.get(site.url("/status/404")).getInteger("status"));
          assertEquals("http-status", EngineRun.errorType(r.get(site.url("/status/500"))));
          assertEquals("connect", EngineRun.errorType(r.get("http://127.0.0.1:1/refused")));
          assertNull(r.get("http://127.0.0.1:1/refused").getInteger("status"));
          assertEquals("dns", EngineRun.errorType(r.get("http://no-such-host.invalid/")));
          assertEquals("timeout", EngineRun.errorType(r.get(site.url("/slow?ms=60000"))));
          assertEquals("not-html", EngineRun.errorType(r.get(site.url("/png"))));
          assertEquals("not-html", EngineRun.errorType(r.get(site.url("/png-as-html"))));
          JsonObject redirected = r.get(site.url("/redirect/3"));
          assertNull(redirected.getJsonObject("error"));
          assertEquals(site.url("/page/1.html"), redirected.getString("finalUrl"));
          assertEquals("too-many-redirects", EngineRun.errorType(r.get(site.url("/loop"))));
          for (JsonObject rec : run.records()) {
            if (rec.getJsonObject("error") != null) {
              assertEquals(new JsonObject(), rec.getJsonObject("fields"), "no fields on error");
            }
          }
          assertEquals(8, run.results.get(0).stats().failed());
        });
        return run;
      });
    }).onComplete(ar -> vertx.close().onComplete(x -> {
      if (ar.failed()) {
        ctx.failNow(ar.cause());
      } else {
        ctx.completeNow();
      }
    }));
  }

  @Test
  void concurrencyAndPerHostCapsAreNeverExceeded(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> Future.all(site.alsoOn("127.0.0.2"), site.alsoOn("127.0.0.3"),
        site.alsoOn("127.0.0.4"), site.alsoOn("127.0.0.5"), site.alsoOn("127.0.0.6")).map(site)).compose(site -> {
      JsonArray urls = new JsonArray();
      String[] hosts = {"127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6"};
      // Each answer is held 200 ms, so that the engine has time to fill its 16 slots even on a loaded machine
      // (the lower bound below says the cap is used, not that it is reached quickly).
      for (int i = 0; i < 200; i++) {
        urls.add("http://" + hosts[i % hosts.length] + ":" + site.port() + "/counted/" + i + ".html?ms=200");
      }
      JsonObject job = new JsonObject().put("urls", urls).put("concurrency", 16).put("perHost", 4)
          .put("extract", new JsonObject().put("title", "h1"));
      return EngineRun.run(vertx, EngineRun.oneJob(job), dir).map(run -> {
        ctx.verify(() -> {
          assertEquals(200, run.records().size());
          assertEquals(200, site.totalCounted());
          assertTrue(site.maxInFlight() <= 16, "overall in flight " + site.maxInFlight());
          assertTrue(site.maxInFlight() >= 8, "the bound is used, not serialised: " + site.maxInFlight());
          for (Map.Entry<String, Integer> e : site.maxInFlightPerHost().entrySet()) {
            assertTrue(e.getValue() <= 4, e.getKey() + " had " + e.getValue() + " in flight");
          }
          assertEquals(6, site.maxInFlightPerHost().size());
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void duplicateUrlsAreFetchedOnceAndCounted(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      JsonArray urls = new JsonArray().add(site.url("/page/7.html")).add(site.url("/page/7.html"))
          .add(site.url("/page/7.html#top")).add(site.url("/page/8.html"));
      JsonObject job = new JsonObject().put("urls", urls).put("extract", new JsonObject().put("title", "h1"));
      return EngineRun.run(vertx, EngineRun.oneJob(job), dir).map(run -> {
        ctx.verify(() -> {
          assertEquals(2, run.records().size());
          assertEquals(1, site.hits("/page/7.html"));
          assertEquals(2, run.results.get(0).stats().duplicates());
          assertTrue(run.terminal.contains("(2 duplicates skipped)"), run.terminal);
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aCharsetGivenOnlyByMetaIsHonoured(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      JsonObject job = new JsonObject().put("urls", new JsonArray().add(site.url("/latin1")))
          .put("extract", new JsonObject().put("title", "title"));
      return EngineRun.run(vertx, EngineRun.oneJob(job), dir).map(run -> {
        ctx.verify(() -> assertEquals("Café München ½",
            run.records().get(0).getJsonObject("fields").getString("title")));
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void recordsReachTheFileWhileSlowerUrlsAreStillInFlight(Vertx vertx, VertxTestContext ctx) {
    Path out = dir.resolve("test.jsonl");
    AtomicBoolean seenWhileHeld = new AtomicBoolean();
    TestSite.start(vertx).onComplete(ctx.succeeding(site -> {
      // The slow URL is answered only once page 1's record is in the file (the server looks every 20 ms), or after
      // 20 s if it never gets there: the test asserts the order, not how long a write takes.
      site.route("/held", req -> {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        vertx.setPeriodic(20, id -> vertx.fileSystem().readFile(out.toString()).onComplete(read -> {
          boolean seen = read.succeeded() && read.result().toString().contains("Page 1");
          if ((seen || System.nanoTime() - deadline > 0) && vertx.cancelTimer(id)) {
            seenWhileHeld.set(seen);
            Respond.html(req, 200, Respond.page("Held", "<h1>Held</h1>"));
          }
        }));
      });
      JsonObject job = new JsonObject()
          .put("urls", new JsonArray().add(site.url("/page/1.html")).add(site.url("/held")))
          .put("timeoutMs", 60_000).put("extract", new JsonObject().put("title", "h1"));
      EngineRun.run(vertx, EngineRun.oneJob(job), dir).onComplete(ctx.succeeding(run -> ctx.verify(() -> {
        assertEquals(2, run.records().size());
        assertNull(run.byUrl().get(site.url("/held")).getJsonObject("error"), run.records().toString());
        assertTrue(seenWhileHeld.get(), "page 1's record was not in the file while the slower URL was in flight");
        ctx.completeNow();
      })));
    }));
  }
}
