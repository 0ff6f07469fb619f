package dev.scraper.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.job.ExitCodes;
import dev.scraper.metrics.SitemapCounts;
import dev.scraper.testing.TestSite;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job seeded by sitemaps, run through the engine against the local site's {@code /sitemaps/}: every URL listed
 * gets exactly one record, duplicates across sitemaps and {@code urls} once, gzip files read, broken and missing
 * sitemaps reported once and counted, robots.txt obeyed (or not) for the sitemaps themselves and asked for its
 * {@code Sitemap:} lines, and every sitemap request a request start of its host.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class SitemapRunTest {
  @TempDir
  Path dir;

  private static Handler<HttpServerRequest> text(String body) {
    return req -> req.response().putHeader("Content-Type", "text/plain").end(body);
  }

  private static Set<String> pages(TestSite site, int... numbers) {
    return IntStream.of(numbers).mapToObj(n -> site.url("/page/" + n + ".html"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static long count(String text, String part) {
    return text.lines().filter(l -> l.contains(part)).count();
  }

  @Test
  void everyUrlOfAnIndexGetsOneRecordAndTheBrokenAndMissingSitemapsAreReportedOnce(Vertx vertx,
                                                                                   VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> EngineRun.runJob(vertx, new JsonObject()
        .put("urls", new JsonArray().add(site.url("/page/1.html")).add(site.url("/page/20.html")))
        .put("sitemap", site.url("/sitemaps/index.xml"))
        .put("extract", new JsonObject().put("title", "h1")), dir).map(run -> {
          ctx.verify(() -> {
            Map<String, JsonObject> byUrl = run.byUrl(); // fails on a second record of a URL
            assertEquals(pages(site, 1, 2, 3, 4, 5, 6, 7, 8, 20), new TreeSet<>(byUrl.keySet()));
            for (JsonObject r : byUrl.values()) {
              assertEquals(null, EngineRun.errorType(r), r.encode());
              assertEquals(0, r.getInteger("depth"));
              assertEquals(null, r.getString("referrer"));
              assertTrue(r.getJsonObject("fields").getString("title").startsWith("Page "), r.encode());
            }
            assertEquals(3, run.results.get(0).stats().duplicates(), "page 1 (urls, plain) and 4, 5 (plain, zipped)");
            SitemapCounts sitemaps = run.results.get(0).stats().sitemaps();
            assertEquals(3, sitemaps.read(), "the index, plain.xml and the gzip file zipped.xml.gz");
            assertEquals(10, sitemaps.urls());
            assertEquals(Map.of("http-status", 1L, "invalid-sitemap", 1L), sitemaps.failed());
            assertEquals(1, sitemaps.repeated(), "the index lists itself");
            assertEquals(1, site.hits("/sitemaps/index.xml"), "the loop was not followed");
            assertEquals(1, count(run.terminal, "sitemap " + site.url("/sitemaps/broken.xml")
                + " not read (invalid-sitemap): not a readable sitemap: "), run.terminal);
            assertEquals(1, count(run.terminal, "scraper: job test: sitemap " + site.url("/sitemaps/missing.xml")
                + " not read (http-status): HTTP 404 Not Found"), run.terminal);
            assertTrue(run.terminal.contains("sitemaps  3 read (10 URLs), 2 failed: http-status 1, invalid-sitemap"
                + " 1; 1 listed again (skipped)\n"), run.terminal);
            assertEquals(ExitCodes.SOME_FAILED, ExitCodes.of(run.results), "a sitemap was not read");
          });
          return run;
        })).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void theSitemapLinesOfTheSeedHostsRobotsTxtAreReadWhetherTheJobObeysItOrNot(Vertx vertx,
                                                                               VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      site.route("/robots.txt", text("User-agent: *\nDisallow: /private/\n\nSitemap: "
          + site.url("/sitemaps/plain.xml") + "\nSitemap: " + site.url("/sitemaps/text.txt") + "\n"));
      JsonObject obeys = new JsonObject().put("name", "obeys").put("output", new JsonObject().put("path", "a.jsonl"))
          .put("urls", new JsonArray().add(site.url("/page/30.html"))).put("sitemapFromRobots", true);
      JsonObject ignores = obeys.copy().put("name", "ignores").put("robotsTxt", false)
          .put("output", new JsonObject().put("path", "b.jsonl"));
      return EngineRun.run(vertx, new JsonObject().put("jobs", new JsonArray().add(obeys).add(ignores)), dir)
          .map(run -> {
            ctx.verify(() -> {
              for (int job = 0; job < 2; job++) {
                Set<String> urls = run.records(job).stream().map(r -> r.getString("url"))
                    .collect(Collectors.toCollection(TreeSet::new));
                assertEquals(pages(site, 1, 2, 3, 4, 5, 9, 10, 30), urls, "job " + job);
                assertEquals(2, run.results.get(job).stats().sitemaps().read());
                assertEquals(0, run.results.get(job).stats().sitemaps().failedCount());
              }
              assertEquals(1, site.hits("/robots.txt"), "robots.txt once, for both jobs");
              assertEquals(2, site.hits("/sitemaps/plain.xml"), "once per run");
              assertEquals(ExitCodes.OK, ExitCodes.of(run.results));
            });
            return run;
          });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aSitemapRobotsTxtDisallowsIsNotReadByAJobThatObeysIt(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      site.route("/robots.txt", text("User-agent: *\nDisallow: /sitemaps/\n"));
      JsonObject obeys = new JsonObject().put("name", "obeys").put("output", new JsonObject().put("path", "a.jsonl"))
          .put("sitemap", site.url("/sitemaps/plain.xml"));
      JsonObject ignores = obeys.copy().put("name", "ignores").put("robotsTxt", false)
          .put("output", new JsonObject().put("path", "b.jsonl"));
      return EngineRun.run(vertx, new JsonObject().put("jobs", new JsonArray().add(obeys)), dir)
          .compose(first -> {
            ctx.verify(() -> {
              assertEquals(0, first.records(0).size(), "a sitemap not read is not a URL of the run");
              assertEquals(Map.of("robots", 1L), first.results.get(0).stats().sitemaps().failed());
              assertEquals(0, site.hits("/sitemaps/plain.xml"), "never requested");
              assertEquals(1, count(first.terminal, "scraper: job obeys: sitemap " + site.url("/sitemaps/plain.xml")
                  + " not read (robots): disallowed by robots.txt"), first.terminal);
              assertTrue(first.terminal.contains("sitemaps  0 read (0 URLs), 1 failed: robots 1\n"), first.terminal);
              assertEquals(ExitCodes.SOME_FAILED, ExitCodes.of(first.results));
            });
            return EngineRun.run(vertx, new JsonObject().put("jobs", new JsonArray().add(ignores)), dir);
          }).map(second -> {
            ctx.verify(() -> {
              assertEquals(5, second.records(0).size());
              assertEquals(1, site.hits("/sitemaps/plain.xml"));
            });
            return second;
          });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void everySitemapRequestWaitsForItsHostsTurnLikeThePages(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      site.route("/robots.txt", text("User-agent: *\nAllow: /\n"));
      JsonObject job = new JsonObject().put("perHost", 1).put("concurrency", 8)
          .put("urls", new JsonArray().add(site.url("/counted/100.html?ms=40")).add(site.url("/counted/101.html?ms=40")))
          .put("sitemap", new JsonArray().add(site.url("/sitemaps/index.xml?ms=40"))
              .add(site.url("/sitemaps/text.txt?ms=40")));
      return EngineRun.runJob(vertx, job, dir).map(run -> {
        ctx.verify(() -> {
          assertEquals(12, run.records().size(), "pages 1-10 of the sitemaps, and the two urls");
          String host = "127.0.0.1:" + site.port();
          // index, plain, zipped, broken, missing, text: 6 sitemaps; 12 pages
          assertEquals(18, site.totalCounted());
          assertEquals(Map.of(host, 1), site.maxInFlightPerHost(), "perHost 1: never two requests in flight");
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }
}
