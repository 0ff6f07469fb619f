package dev.scraper.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.InFlightCounter;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Politeness belongs to the host, not to a job: every request start (first request, redirect hop, retry,
 * robots.txt) of every job waits for the same host state. Times are taken on the server, where requests arrive;
 * bounds are generous and only in the direction that a bug would break.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class PolitenessTest {
  @TempDir
  Path dir;

  /** Arrivals at the server: path and System.nanoTime, in arrival order. */
  private final List<Object[]> arrivals = new CopyOnWriteArrayList<>();

  private Handler<HttpServerRequest> noted(Handler<HttpServerRequest> then) {
    return req -> {
      arrivals.add(new Object[] {req.getHeader("Host") + req.path(), System.nanoTime()});
      then.handle(req);
    };
  }

  private static Handler<HttpServerRequest> page(String title) {
    return req -> Respond.html(req, 200, Respond.page(title, "<h1>" + title + "</h1>"));
  }

  private static Handler<HttpServerRequest> text(String body) {
    return req -> req.response().putHeader("Content-Type", "text/plain").end(body);
  }

  private List<Long> arrivalsMs(String pathSuffix) {
    List<Long> at = new ArrayList<>();
    for (Object[] a : arrivals) {
      if (((String) a[0]).endsWith(pathSuffix) || pathSuffix.isEmpty()) {
        at.add((Long) a[1] / 1_000_000);
      }
    }
    return at;
  }

  private static JsonObject job(String name, JsonArray urls) {
    return new JsonObject().put("name", name).put("urls", urls).put("extract", new JsonObject().put("title", "h1"))
        .put("output", new JsonObject().put("path", name + ".jsonl"));
  }

  private static JsonObject conf(JsonObject... jobs) {
    JsonArray list = new JsonArray();
    for (JsonObject j : jobs) {
      list.add(j);
    }
    return new JsonObject().put("jobs", list);
  }

  @Test
  void aRedirectIntoADisallowedPathIsRefusedNamingTheHopAndNeverRequested(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      site.route("/robots.txt", text("User-agent: *\nDisallow: /private\n"));
      site.route("/public", req -> req.response().setStatusCode(302).putHeader("Location", "/private/secret").end());
      site.route("/private/secret", page("secret"));
      return EngineRun.runJob(vertx, new JsonObject().put("urls", new JsonArray().add(site.url("/public"))), dir)
          .map(run -> {
            ctx.verify(() -> {
              JsonObject r = run.only();
              assertEquals("robots", EngineRun.errorType(r), r.encode());
              String message = r.getJsonObject("error").getString("message");
              assertTrue(message.contains(site.url("/private/secret")), "names the hop: " + message);
              assertEquals(site.url("/private/secret"), r.getString("finalUrl"));
              assertEquals(0, site.hits("/private/secret"), "the disallowed hop was never requested");
              assertEquals(1, site.hits("/public"));
            });
            return run;
          });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aRedirectToAnotherHostWaitsForThatHostsDelayLikeAFirstRequest(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> site.alsoOn("127.0.0.2").map(other -> {
      site.route("/hop", req -> req.response().setStatusCode(302).putHeader("Location", other.url("/b1")).end());
      other.route("/b1", noted(page("b1")));
      other.route("/b2", noted(page("b2")));
      return List.of(site, other);
    })).compose(sites -> {
      JsonObject job = job("hops", new JsonArray().add(sites.get(1).url("/b2")).add(sites.get(0).url("/hop")))
          .put("delayMs", 1_000).put("robotsTxt", false);
      return EngineRun.run(vertx, conf(job), dir).map(run -> {
        ctx.verify(() -> {
          assertEquals(2, run.records().size());
          for (JsonObject r : run.records()) {
            assertEquals(null, EngineRun.errorType(r), r.encode());
          }
          List<Long> at = arrivalsMs("");
          assertEquals(2, at.size(), "both requests to the second host arrived");
          long gap = Math.abs(at.get(1) - at.get(0));
          // a loaded machine can handle the first arrival late, which shrinks the gap seen here: half the delay
          // still tells a wait from none (a few ms)
          assertTrue(gap >= 500, "the hop waited for the other host's delayMs (1000): " + gap + " ms apart");
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void twoJobsWithPerHostOneNeverHaveTwoRequestsInFlightToTheHostRobotsTxtIncluded(Vertx vertx,
                                                                                    VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      InFlightCounter counter = site.counter();
      site.route("/robots.txt", req -> {
        counter.enter(req.getHeader("Host"));
        vertx.setTimer(50, t -> {
          counter.leave(req.getHeader("Host"));
          req.response().setStatusCode(404).end();
        });
      });
      JsonArray a = new JsonArray();
      JsonArray b = new JsonArray();
      for (int i = 0; i < 12; i++) {
        a.add(site.url("/counted/a" + i + ".html?ms=30"));
        b.add(site.url("/counted/b" + i + ".html?ms=30"));
      }
      JsonObject conf = conf(job("a", a).put("perHost", 1).put("concurrency", 8),
          job("b", b).put("perHost", 1).put("concurrency", 8));
      return EngineRun.run(vertx, conf, dir).map(run -> {
        ctx.verify(() -> {
          assertEquals(12, run.records(0).size());
          assertEquals(12, run.records(1).size());
          assertEquals(25, site.totalCounted(), "24 pages and one robots.txt for the host, shared by both jobs");
          for (Map.Entry<String, Integer> e : site.maxInFlightPerHost().entrySet()) {
            assertEquals(1, e.getValue(), e.getKey() + " had two requests in flight at once");
          }
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aSlowDownAnswerToOneJobPausesTheHostForEveryJob(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      long[] answered429 = {-1};
      site.route("/limited", noted(req -> {
        answered429[0] = System.nanoTime() / 1_000_000;
        req.response().setStatusCode(429).putHeader("Retry-After", "2").end();
      }));
      JsonArray others = new JsonArray();
      for (int i = 0; i < 5; i++) {
        String path = "/other/" + i;
        site.route(path, noted(page("o" + i)));
        others.add(site.url(path));
      }
      JsonObject first = job("first", new JsonArray().add(site.url("/limited"))).put("retries", 0)
          .put("robotsTxt", false);
      // perHost 1: the second job's first start waits until the first job's request (the 429) is over; from then
      // on the host's pause holds every job
      JsonObject second = job("second", others).put("robotsTxt", false).put("perHost", 1);
      return EngineRun.run(vertx, conf(first, second), dir).map(run -> {
        ctx.verify(() -> {
          assertEquals(5, run.records(1).size());
          assertTrue(answered429[0] > 0);
          for (Object[] a : arrivals) {
            long at = (Long) a[1] / 1_000_000;
            if (((String) a[0]).contains("/other/") && at > answered429[0]) {
              assertTrue(at - answered429[0] >= 1_500, a[0] + " arrived " + (at - answered429[0])
                  + " ms after the 429 asked for 2 s");
            }
          }
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aSmallRunIsServedInTurnBesideABigRunOfTheSameHost(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      site.route("/robots.txt", text("User-agent: *\nAllow: /\n"));
      JsonArray big = new JsonArray();
      for (int i = 0; i < 400; i++) {
        String path = "/big/" + i;
        site.route(path, noted(page("b" + i)));
        big.add(site.url(path));
      }
      JsonArray small = new JsonArray();
      for (int i = 0; i < 3; i++) {
        String path = "/small/" + i;
        site.route(path, noted(page("s" + i)));
        small.add(site.url(path));
      }
      JsonObject conf = conf(job("big", big).put("perHost", 2), job("small", small).put("perHost", 2));
      return EngineRun.run(vertx, conf, dir).map(run -> {
        ctx.verify(() -> {
          assertEquals(400, run.records(0).size());
          assertEquals(3, run.records(1).size());
          int lastSmall = -1;
          for (int i = 0; i < arrivals.size(); i++) {
            if (((String) arrivals.get(i)[0]).contains("/small/")) {
              lastSmall = i;
            }
          }
          // served in turn, the small run's three requests come among the host's first requests
          assertTrue(lastSmall >= 0 && lastSmall < 50, "the small run's last request came " + (lastSmall + 1)
              + "th of " + arrivals.size());
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void jobsWithDifferentLimitsOnOneHostAreEachHeldToTheirOwn(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      JsonArray gentle = new JsonArray();
      JsonArray eager = new JsonArray();
      for (int i = 0; i < 4; i++) {
        String g = "/gentle/" + i;
        site.route(g, noted(page("g" + i)));
        gentle.add(site.url(g));
        eager.add(site.url("/counted/e" + i + ".html?ms=20"));
      }
      JsonObject conf = conf(job("gentle", gentle).put("delayMs", 500).put("robotsTxt", false),
          job("eager", eager).put("perHost", 4).put("robotsTxt", false));
      return EngineRun.run(vertx, conf, dir).map(run -> {
        ctx.verify(() -> {
          assertEquals(4, run.records(0).size());
          assertEquals(4, run.records(1).size());
          List<Long> at = arrivalsMs("");
          for (int i = 1; i < at.size(); i++) {
            assertTrue(at.get(i) - at.get(i - 1) >= 250, "the gentle job's starts are 500 ms apart: " + at);
          }
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }
}
