package dev.scraper.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.TestSite;
import dev.scraper.testing.routes.CrawlRoute;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A crawl of the generated site ({@link CrawlRoute}) from its index, as a user's job would run it. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class CrawlTest {
  @TempDir
  Path dir;

  private static Future<TestSite> site(Vertx vertx) {
    return TestSite.start(vertx).map(site -> site.routePrefix("/crawl/", new CrawlRoute()));
  }

  /** Runs {@code job} as a one-job config; {@link CrawlOnDiskTest} runs the same crawls with a frontier on disk. */
  Future<EngineRun> runJob(Vertx vertx, JsonObject job, Path workDir) {
    return EngineRun.runJob(vertx, job, workDir);
  }

  private static JsonObject job(String seed, JsonObject follow) {
    return new JsonObject().put("urls", new JsonArray().add(seed)).put("concurrency", 16).put("perHost", 8)
        .put("follow", follow).put("extract", new JsonObject().put("title", "h1"));
  }

  private static JsonObject follow() {
    return new JsonObject().put("links", "li.next a, h3 a").put("maxDepth", 100).put("maxQueryVariants", 5);
  }

  @Test
  void aSeedThatCannotBeFetchedGetsItsOwnErrorRecord(Vertx vertx, VertxTestContext ctx) {
    runJob(vertx, job("http://127.0.0.1:1/start", follow()).put("retries", 0), dir).onComplete(ctx.succeeding(
        run -> ctx.verify(() -> {
          assertEquals(1, run.records().size(), run.terminal);
          assertEquals("connect", EngineRun.errorType(run.records().get(0)), run.records().get(0).encode());
          ctx.completeNow();
        })));
  }

  @Test
  void aCrawlFromTheIndexGivesEveryReachablePageInScopeExactlyOneRecord(Vertx vertx, VertxTestContext ctx) {
    site(vertx).compose(site -> runJob(vertx, job(site.url("/crawl/index.html"), follow()), dir)
        .map(run -> {
          ctx.verify(() -> {
            Map<String, JsonObject> byUrl = run.byUrl(); // fails on a second record of any URL
            // index, 20 lists, 1000 items, 5 calendar months, based, noindex, nofollow
            assertEquals(1 + CrawlRoute.LISTS + CrawlRoute.ITEMS + 5 + 3, byUrl.size(), run.terminal);
            for (int n = 1; n <= CrawlRoute.LISTS; n++) {
              JsonObject list = byUrl.get(site.url("/crawl/list/" + n + ".html"));
              assertEquals(n, list.getInteger("depth"), list.encode());
              assertEquals(site.url(n == 1 ? "/crawl/index.html" : "/crawl/list/" + (n - 1) + ".html"),
                  list.getString("referrer"));
            }
            // a record's url is the link as found (item 2 may come through its tracking variant); finalUrl is fetched
            Map<String, JsonObject> byFinal = new java.util.HashMap<>();
            run.records().forEach(r -> byFinal.put(r.getString("finalUrl"), r));
            for (int k = 1; k <= CrawlRoute.ITEMS; k++) {
              JsonObject item = byFinal.get(site.url("/crawl/item/" + k + ".html"));
              assertTrue(item != null, "no record of item " + k + "; records: " + byUrl.size() + "\n" + run.terminal);
              assertEquals("Item " + k, item.getJsonObject("fields").getString("title"), "item " + k);
              assertTrue(item.getInteger("depth") >= 1, item.encode());
            }
            assertEquals(0, site.hits("/crawl/hidden.html"), "rel=nofollow");
            assertEquals(0, site.hits("/crawl/never.html"), "meta robots nofollow");
            assertEquals(1, site.hits("/crawl/item/1.html"), "every spelling of item 1 is one URL");
            assertEquals(1, site.hits("/crawl/item/2.html"), "the tracking parameter was removed");
            assertEquals(new JsonObject(), byUrl.get(site.url("/crawl/noindex.html")).getJsonObject("fields"));
            assertNull(byUrl.get("http://127.0.0.2:" + site.port() + "/crawl/item/3.html"), "off-site");
            assertFalse(byUrl.containsKey(site.url("/crawl/cal.html?m=6")), "the calendar trap was cut");
            assertEquals(1, site.hits("/crawl/item/7.html"), "a <base href> was honoured");
            String links = run.terminal.lines().filter(l -> l.startsWith("links ")).findFirst().orElse("");
            assertTrue(links.contains("off-site 1") && links.contains("scheme 2") && links.contains("nofollow")
                && links.contains("max-query-variants 1"), links);
          });
          return run;
        })).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void maxPagesIsAHardLimitEvenWithManyRequestsInFlight(Vertx vertx, VertxTestContext ctx) {
    site(vertx).compose(site -> runJob(vertx, job(site.url("/crawl/index.html"),
        follow().put("maxPages", 50)), dir).map(run -> {
          ctx.verify(() -> {
            assertEquals(50, run.records().size());
            assertTrue(run.terminal.contains("max-pages"), run.terminal);
          });
          return run;
        })).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void maxDepthAllowAndDenyBoundTheCrawl(Vertx vertx, VertxTestContext ctx) {
    JsonObject f = follow().put("maxDepth", 2).put("deny", new JsonArray().add("cal\\.html|based|noindex|nofollow"))
        .put("allow", new JsonArray().add("/crawl/(list|item)/"));
    site(vertx).compose(site -> runJob(vertx, job(site.url("/crawl/index.html"), f), dir).map(run -> {
      ctx.verify(() -> {
        for (JsonObject r : run.records()) {
          assertTrue(r.getInteger("depth") <= 2, r.encode());
          assertTrue(r.getString("url").matches(".*/crawl/(index\\.html|list/.*|item/.*)"), r.encode());
        }
        assertTrue(run.byUrl().containsKey(site.url("/crawl/list/2.html")));
        assertFalse(run.byUrl().containsKey(site.url("/crawl/list/3.html")), "depth 3");
        assertEquals(0, site.hits("/crawl/cal.html"));
      });
      return run;
    })).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void sameHostComparesWithTheSeedsFinalUrlAfterItsRedirect(Vertx vertx, VertxTestContext ctx) {
    site(vertx).compose(site -> site.alsoOn("127.0.0.2").map(other -> {
      other.routePrefix("/crawl/", new CrawlRoute());
      site.route("/start", req -> req.response().setStatusCode(301)
          .putHeader("Location", other.url("/crawl/index.html")).end());
      return List.of(site, other);
    })).compose(sites -> runJob(vertx, job(sites.get(0).url("/start"), follow().put("maxPages", 30)), dir)
        .map(run -> {
          ctx.verify(() -> {
            assertEquals(30, run.records().size(), run.terminal);
            long onFinalHost = run.records().stream()
                .filter(r -> r.getString("url").startsWith("http://127.0.0.2:")).count();
            assertTrue(onFinalHost >= 20, "the redirected seed's host is in scope: " + onFinalHost);
            assertTrue(run.byUrl().containsKey(sites.get(1).url("/crawl/list/1.html")), run.terminal);
          });
          return run;
        })).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aCrawlSeededByASitemapIndexWithAGzippedChildReachesEveryPageOnce(Vertx vertx, VertxTestContext ctx) {
    site(vertx).compose(site -> {
      JsonObject job = job(site.url("/crawl/index.html"), follow());
      job.remove("urls");
      job.put("sitemap", site.url("/crawl/sitemap.xml"));
      return EngineRun.runJob(vertx, job, dir).map(run -> {
        ctx.verify(() -> {
          Map<String, JsonObject> byUrl = run.byUrl(); // fails on a second record of any URL
          // what the index reaches (as in the crawl from the index), and the orphan only the gzipped sitemap lists
          assertEquals(1 + CrawlRoute.LISTS + CrawlRoute.ITEMS + 5 + 3 + 1, byUrl.size(), run.terminal);
          for (int n = 1; n <= CrawlRoute.LISTS; n++) {
            JsonObject list = byUrl.get(site.url("/crawl/list/" + n + ".html"));
            assertEquals(0, list.getInteger("depth"), "a sitemap's URL is a seed: " + list.encode());
            assertNull(list.getString("referrer"), list.encode());
          }
          JsonObject orphan = byUrl.get(site.url("/crawl/orphan.html"));
          assertEquals("Orphan", orphan.getJsonObject("fields").getString("title"), orphan.encode());
          assertEquals(1, site.hits("/crawl/item/1.html"), "listed in another spelling, and linked: one fetch");
          assertEquals(1, site.hits("/crawl/orphan.html"));
          assertTrue(run.terminal.contains("sitemaps  3 read (23 URLs)"), run.terminal);
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }
}
