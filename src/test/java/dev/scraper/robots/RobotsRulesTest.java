package dev.scraper.robots;

import static dev.scraper.engine.EngineRun.errorType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.engine.EngineRun;
import dev.scraper.testing.TestSite;
import dev.scraper.testing.routes.Respond;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** robots.txt as a user sees it: served by a local site, obeyed (or not) by a whole engine run. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class RobotsRulesTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "[{index}] robots.txt {0} ''{1}'': {2} -> {3}")
  @CsvSource(textBlock = """
      # robots.txt status, body (\\n = new line), path, expected, message has
      200, 'User-agent: *\\nDisallow: /private', /private/x, robots, disallowed
      200, 'User-agent: *\\nDisallow: /private', /privateer.html, robots, disallowed
      200, 'User-agent: *\\nDisallow: /private', /page/1.html, fetched,
      200, 'User-agent: *\\nDisallow: /\\n\\nUser-agent: scraper\\nDisallow: /private', /page/1.html, fetched,
      200, 'User-agent: *\\nDisallow: /\\n\\nUser-agent: scraper\\nDisallow: /private', /private/x, robots, disallowed
      200, 'User-agent: *\\nDisallow: /page\\n\\nUser-agent: scraper\\nAllow: /', /page/1.html, fetched,
      200, 'User-agent: *\\nAllow: /\\n\\nUser-agent: Scraper\\nDisallow: /page', /page/1.html, robots, disallowed
      200, 'User-agent: otherbot\\nDisallow: /', /page/1.html, fetched,
      200, 'User-agent: *\\nDisallow: /page\\nAllow: /page/1', /page/1.html, fetched,
      200, 'User-agent: *\\nDisallow: /page\\nAllow: /page/1', /page/2.html, robots, disallowed
      200, 'User-agent: *\\nAllow: /page\\nDisallow: /page/2', /page/2.html, robots, disallowed
      200, 'User-agent: *\\nDisallow: /*.html$', /page/3.html, robots, disallowed
      200, 'User-agent: *\\nDisallow: /*.html$', /private/x, fetched,
      200, 'User-agent: *\\nDisallow:', /page/1.html, fetched,
      200, '', /page/1.html, fetched,
      404, 'User-agent: *\\nDisallow: /', /page/1.html, fetched,
      403, 'User-agent: *\\nDisallow: /', /page/1.html, fetched,
      500, 'User-agent: *\\nAllow: /', /page/1.html, robots, RFC 9309
      503, '', /page/1.html, robots, RFC 9309
      """)
  void robotsTxtDecidesWhichUrlsAreFetched(int status, String body, String path, String expected,
                                          String messagePart, Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      site.route("/robots.txt", text(status, body.replace("\\n", "\n")));
      return EngineRun.runJob(vertx, job(site.url(path)), dir).map(run -> {
        ctx.verify(() -> {
          JsonObject r = run.only();
          assertTrue(site.hits("/robots.txt") >= 1, "robots.txt is read before the page");
          if (expected.equals("fetched")) {
            assertNotEquals("robots", errorType(r), r.encode());
            assertEquals(1, site.hits(r.getString("url").substring(site.url("").length()).split("\\?")[0]));
          } else {
            assertEquals("robots", errorType(r), r.encode());
            assertTrue(r.getJsonObject("error").getString("message").contains(messagePart), r.encode());
            assertNull(r.getInteger("status"));
            assertEquals(new JsonObject(), r.getJsonObject("fields"));
            assertEquals(0, site.hits(path), "a disallowed URL is never requested");
          }
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void theUserAgentTokenOfACustomUserAgentPicksItsGroup(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      site.route("/robots.txt", text(200, "User-agent: *\nAllow: /\n\nUser-agent: mybot\nDisallow: /page/2\n"));
      JsonObject job = job(site.url("/page/1.html"), site.url("/page/2.html"))
          .put("userAgent", "MyBot/2.0 (+mailto:me@example.com)");
      return EngineRun.runJob(vertx, job, dir).map(run -> {
        ctx.verify(() -> {
          Map<String, JsonObject> r = run.byUrl();
          assertNull(errorType(r.get(site.url("/page/1.html"))));
          assertEquals("robots", errorType(r.get(site.url("/page/2.html"))));
          assertEquals("MyBot/2.0 (+mailto:me@example.com)", site.lastHeaders("/robots.txt").get("User-Agent"),
              "robots.txt is requested with the job's User-Agent");
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void robotsTxtFalseIgnoresRobotsTxtAndNeverRequestsIt(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      site.route("/robots.txt", text(200, "User-agent: *\nDisallow: /\nCrawl-delay: 5\n"));
      List<Long> starts = new CopyOnWriteArrayList<>();
      JsonObject job = job(timedUrls(site, starts, 3)).put("robotsTxt", false);
      return EngineRun.runJob(vertx, job, dir).map(run -> {
        ctx.verify(() -> {
          assertEquals(3, run.records().size());
          for (JsonObject r : run.records()) {
            assertNull(r.getValue("error"), r.encode());
          }
          assertEquals(0, site.hits("/robots.txt"));
          // measured on the server: the three start together; obeying Crawl-delay: 5 would space them 5 s apart
          for (long gap : gapsMs(starts)) {
            assertTrue(gap < 2500, "Crawl-delay ignored too; starts " + gapsMs(starts) + " ms apart");
          }
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void robotsTxtIsFetchedOncePerHostForAManyUrlJob(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> site.alsoOn("127.0.0.2").map(other -> List.of(site, other)))
        .compose(sites -> {
          TestSite site = sites.get(0);
          TestSite other = sites.get(1);
          site.route("/robots.txt", text(200, "User-agent: *\nDisallow: /page/1\n"));
          JsonArray urls = new JsonArray();
          for (int i = 1; i <= 20; i++) {
            urls.add(site.url("/page/" + i + ".html"));
          }
          urls.add(other.url("/page/1.html")).add(other.url("/page/2.html"));
          return EngineRun.runJob(vertx, job(urls), dir).map(run -> {
            ctx.verify(() -> {
              assertEquals(22, run.records().size());
              assertEquals(1, site.hits("/robots.txt"), "one robots.txt request for 20 URLs of a host");
              assertEquals(1, other.hits("/robots.txt"), "the other host has its own robots.txt");
              Map<String, JsonObject> r = run.byUrl();
              // /page/1 disallows /page/1.html and /page/10.html ... /page/19.html on the first host only
              long blocked = run.records().stream().filter(x -> "robots".equals(errorType(x))).count();
              assertEquals(11, blocked);
              assertEquals("robots", errorType(r.get(site.url("/page/1.html"))));
              assertNull(errorType(r.get(site.url("/page/2.html"))));
              assertNull(errorType(r.get(other.url("/page/1.html"))), "rules of one host do not apply to another");
            });
            return run;
          });
        }).onComplete(ctx.succeedingThenComplete());
  }

  // Gaps are measured on the server, on arrival. The client spaces its starts by the delay; a start noted late here
  // shrinks the gap after it, so the least gap allows for that (a delay that is not enforced gives gaps of a few
  // ms). A capped delay is checked against a Crawl-delay of 10 s, so that a cap that is not applied shows as gaps
  // of 10 s, far above any lateness of a loaded machine.

  @Test
  void crawlDelaySpacesTheStartsToAHost(Vertx vertx, VertxTestContext ctx) {
    startsAreSpaced(vertx, ctx, new JsonObject(), 1, 500, Long.MAX_VALUE);
  }

  @Test
  void maxCrawlDelayMsCapsTheCrawlDelay(Vertx vertx, VertxTestContext ctx) {
    startsAreSpaced(vertx, ctx, new JsonObject().put("maxCrawlDelayMs", 200), 10, 100, 5000);
  }

  /** With one request at a time to the host, every start after the first comes once robots.txt is known. */
  @ParameterizedTest(name = "[{index}] maxCrawlDelayMs {0}, Crawl-delay: {1}: gaps in [{2}, {3}) ms")
  @CsvSource(textBlock = """
      # maxCrawlDelayMs (0 = default), Crawl-delay s, least gap, gap under
      0,                               1,             500,       9223372036854775807
      200,                             10,            100,       5000
      """)
  void crawlDelayUpToMaxCrawlDelayMsSpacesTheStartsOfOneAtATime(long maxCrawlDelayMs, int crawlDelayS, long leastGap,
                                                               long gapUnder, Vertx vertx, VertxTestContext ctx) {
    JsonObject settings = new JsonObject().put("perHost", 1);
    if (maxCrawlDelayMs > 0) {
      settings.put("maxCrawlDelayMs", maxCrawlDelayMs);
    }
    startsAreSpaced(vertx, ctx, settings, crawlDelayS, leastGap, gapUnder);
  }

  /**
   * Three URLs to a host with Crawl-delay: {@code crawlDelayS}; their starts reach the server [leastGap, gapUnder)
   * apart.
   */
  private void startsAreSpaced(Vertx vertx, VertxTestContext ctx, JsonObject settings, int crawlDelayS, long leastGap,
                               long gapUnder) {
    List<Long> starts = new CopyOnWriteArrayList<>();
    TestSite.start(vertx).compose(site -> {
      site.route("/robots.txt", text(200, "User-agent: *\nCrawl-delay: " + crawlDelayS + "\n"));
      JsonObject job = job(timedUrls(site, starts, 3)).mergeIn(settings);
      return EngineRun.runJob(vertx, job, dir).map(run -> {
        ctx.verify(() -> {
          assertEquals(3, run.records().size());
          assertEquals(3, starts.size());
          for (long gap : gapsMs(starts)) {
            assertTrue(gap >= leastGap && gap < gapUnder, "starts " + gapsMs(starts) + " ms apart; wanted gaps in ["
                + leastGap + ", " + gapUnder + ")");
          }
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void theRobotsUrlOfAHostLeavesOutItsDefaultPort() {
    assertEquals("http://example.com/robots.txt", RobotsRules.robotsUrl("http://example.com:80"));
    assertEquals("https://example.com/robots.txt", RobotsRules.robotsUrl("https://example.com:443"));
    assertEquals("http://example.com:8080/robots.txt", RobotsRules.robotsUrl("http://example.com:8080"));
    assertEquals("https://example.com:80/robots.txt", RobotsRules.robotsUrl("https://example.com:80"));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
  @CsvSource(textBlock = """
      scraper/1.0,                             scraper
      'Scraper/dev',                           scraper
      'MyBot/2.0 (+mailto:me@example.com)',    mybot
      'mybot',                                 mybot
      '  spaced/1 ',                           spaced
      'Mozilla (compatible; X)',               mozilla
      'a;b',                                   a
      """)
  void theProductTokenIsTheFirstWordOfTheUserAgentLowerCased(String userAgent, String token) {
    assertEquals(token, RobotsRules.agentToken(userAgent));
  }

  /** {@code count} URLs {@code /timed/N} whose handler notes when each request arrives, then answers a page. */
  private static JsonArray timedUrls(TestSite site, List<Long> starts, int count) {
    JsonArray urls = new JsonArray();
    for (int i = 1; i <= count; i++) {
      String path = "/timed/" + i;
      site.route(path, req -> {
        starts.add(System.nanoTime());
        Respond.html(req, 200, Respond.page("t", "<h1>t</h1>"));
      });
      urls.add(site.url(path));
    }
    return urls;
  }

  private static List<Long> gapsMs(List<Long> startNanos) {
    List<Long> sorted = new ArrayList<>(startNanos);
    sorted.sort(null);
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < sorted.size(); i++) {
      gaps.add((sorted.get(i) - sorted.get(i - 1)) / 1_000_000);
    }
    return gaps;
  }

  private static Handler<HttpServerRequest> text(int status, String body) {
    return req -> req.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
        .end(body);
  }

  private static JsonObject job(String... urls) {
    return job(new JsonArray(List.of((Object[]) urls)));
  }

  private static JsonObject job(JsonArray urls) {
    return new JsonObject().put("urls", urls).put("extract", new JsonObject().put("title", "h1"));
  }

  private static String errorType(JsonObject record) {
    JsonObject e = record.getJsonObject("error");
    return e == null ? null : e.getString("type");
  }
}
