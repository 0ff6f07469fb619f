package dev.scraper.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs of a job on one engine tell changed records from unchanged ones: the second run asks conditionally
 * (If-None-Match, If-Modified-Since), a 304 gives the last fields with {@code changed: false}, a 200 with the same
 * fields is unchanged too, and {@code output.onlyChanged} writes only the changed records.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class ChangeDetectionTest {
  private static final String MODIFIED = "Wed, 21 Oct 2026 07:28:00 GMT";
  @TempDir
  Path dir;
  /** Each page's title; the site's answers follow it. */
  private final Map<String, String> titles = new ConcurrentHashMap<>();

  private TestSite pages(TestSite site) {
    for (String p : new String[] {"/etag", "/other", "/modified", "/plain"}) {
      titles.put(p, "title of " + p);
    }
    site.route("/etag", req -> {
      String tag = "\"" + Integer.toHexString(titles.get("/etag").hashCode()) + "\"";
      if (tag.equals(req.getHeader("If-None-Match"))) {
        req.response().setStatusCode(304).putHeader("ETag", tag).end();
      } else {
        req.response().putHeader("ETag", tag).putHeader("Content-Type", "text/html")
            .end("<h1>" + titles.get("/etag") + "</h1>");
      }
    });
    site.route("/other", req -> {
      String tag = "\"" + Integer.toHexString(titles.get("/other").hashCode()) + "\"";
      if (tag.equals(req.getHeader("If-None-Match"))) {
        req.response().setStatusCode(304).end();
      } else {
        req.response().putHeader("ETag", tag).putHeader("Content-Type", "text/html")
            .end("<h1>" + titles.get("/other") + "</h1>");
      }
    });
    site.route("/modified", req -> {
      if (MODIFIED.equals(req.getHeader("If-Modified-Since"))) {
        req.response().setStatusCode(304).end();
      } else {
        req.response().putHeader("Last-Modified", MODIFIED).putHeader("Content-Type", "text/html")
            .end("<h1>" + titles.get("/modified") + "</h1>");
      }
    });
    site.route("/plain", req -> req.response().putHeader("Content-Type", "text/html")
        .end("<h1>" + titles.get("/plain") + "</h1>"));
    return site;
  }

  private ScraperConfig config(TestSite site, String output, boolean onlyChanged) {
    JsonArray urls = new JsonArray();
    for (String p : new String[] {"/etag", "/other", "/modified", "/plain"}) {
      urls.add(site.url(p));
    }
    JsonObject job = new JsonObject().put("name", "watch").put("urls", urls)
        .put("extract", new JsonObject().put("title", "h1"))
        .put("output", new JsonObject().put("path", output).put("onlyChanged", onlyChanged));
    return ConfigReader.read(EngineRun.oneJob(job), dir);
  }

  @Test
  void aSecondRunAsksConditionallyAndOnlyAChangedPageIsChanged(Vertx vertx, VertxTestContext ctx) {
    Engine engine = new Engine(64L << 20);
    TestSite.start(vertx).map(this::pages).compose(site -> vertx.deployVerticle(engine)
        .compose(id -> EngineRun.run(vertx, engine, config(site, "first.jsonl", false)))
        .compose(first -> {
          ctx.verify(() -> {
            assertEquals(4, first.records().size());
            for (JsonObject r : first.records()) {
              assertTrue(r.getBoolean("changed"), "a run's first sight of a URL is a change: " + r);
              assertEquals(200, r.getInteger("status"));
            }
            assertNull(site.lastHeaders("/etag").get("If-None-Match"));
            assertEquals(4, first.results.get(0).stats().changed());
          });
          return EngineRun.run(vertx, engine, config(site, "second.jsonl", false));
        })
        .compose(second -> {
          ctx.verify(() -> {
            Map<String, JsonObject> byUrl = second.byUrl();
            assertEquals(4, byUrl.size());
            for (JsonObject r : byUrl.values()) {
              assertFalse(r.getBoolean("changed"), "nothing changed: " + r);
              assertNull(r.getJsonObject("error"), r.encode());
              String path = r.getString("url").substring(site.url("").length());
              assertEquals(new JsonObject().put("title", "title of " + path), r.getJsonObject("fields"));
            }
            assertEquals(304, byUrl.get(site.url("/etag")).getInteger("status"));
            assertEquals(304, byUrl.get(site.url("/other")).getInteger("status"));
            assertEquals(304, byUrl.get(site.url("/modified")).getInteger("status"));
            assertEquals(200, byUrl.get(site.url("/plain")).getInteger("status"), "no validators: asked in full");
            assertTrue(site.lastHeaders("/etag").get("If-None-Match").startsWith("\""));
            assertEquals(MODIFIED, site.lastHeaders("/modified").get("If-Modified-Since"));
            assertNull(site.lastHeaders("/plain").get("If-None-Match"));
            assertEquals(0, second.results.get(0).stats().changed());
            assertEquals(3, second.results.get(0).stats().notModified());
            assertTrue(second.terminal.contains("changed   0, unchanged 4 (3 304s)"), second.terminal);
          });
          titles.put("/other", "a new title");
          titles.put("/plain", "title of /plain"); // the same content again: unchanged
          return EngineRun.run(vertx, engine, config(site, "third.jsonl", true));
        })
        .map(third -> {
          ctx.verify(() -> {
            JsonObject only = third.only();
            assertEquals(site.url("/other"), only.getString("url"), "onlyChanged writes the changed page only");
            assertTrue(only.getBoolean("changed"));
            assertEquals(200, only.getInteger("status"));
            assertEquals("a new title", only.getJsonObject("fields").getString("title"));
            assertEquals(4, third.results.get(0).stats().done(), "the summary counts every URL");
            assertEquals(1, third.results.get(0).stats().changed());
            assertEquals(3, third.results.get(0).stats().unchanged());
          });
          return third;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void withDataDirTheLastAnswersSurviveTheEngineAndAFreshStart(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).map(this::pages).compose(site -> {
      JsonArray urls = new JsonArray().add(site.url("/etag")).add(site.url("/plain")).add(site.url("/other"));
      JsonObject conf = EngineRun.oneJob(new JsonObject().put("name", "kept").put("urls", urls)
          .put("extract", new JsonObject().put("title", "h1")));
      conf.put("dataDir", dir.resolve("data").toString());
      JsonObject fresh = conf.copy().put("fresh", true);
      return EngineRun.run(vertx, conf, dir)
          .compose(one -> {
            ctx.verify(() -> assertEquals(3, one.results.get(0).stats().changed()));
            titles.put("/other", "changed meanwhile");
            return EngineRun.run(vertx, fresh, dir); // another engine; fresh keeps the change state
          })
          .map(two -> {
            ctx.verify(() -> {
              Map<String, JsonObject> byUrl = two.byUrl();
              assertEquals(3, byUrl.size());
              JsonObject etag = byUrl.get(site.url("/etag"));
              assertEquals(304, etag.getInteger("status"));
              assertFalse(etag.getBoolean("changed"));
              assertEquals("title of /etag", etag.getJsonObject("fields").getString("title"));
              assertFalse(byUrl.get(site.url("/plain")).getBoolean("changed"), "same fields as the last process");
              assertTrue(byUrl.get(site.url("/other")).getBoolean("changed"));
              assertEquals(200, byUrl.get(site.url("/other")).getInteger("status"));
            });
            return two;
          });
    }).onComplete(ctx.succeedingThenComplete());
  }
}
