package dev.scraper.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.TestSite;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.dns.AddressResolverOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What a prober needs from a record: success on any body, expected statuses, HEAD, redirects, timings, auth. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class ProbeTest {
  @TempDir
  Path dir;

  private static JsonArray urls(String... urls) {
    return new JsonArray(List.of((Object[]) urls));
  }

  @Test
  void aJsonAnswerIsASuccessForAProbeAndNotHtmlOnlyForAJobThatExtracts(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      site.route("/health", req -> req.response().putHeader("Content-Type", "application/json").end("{\"up\":true}"));
      JsonObject probe = new JsonObject().put("name", "probe").put("urls", urls(site.url("/health"), site.url("/png")))
          .put("output", new JsonObject().put("path", "probe.jsonl"));
      JsonObject scrape = new JsonObject().put("name", "scrape").put("urls", urls(site.url("/health")))
          .put("extract", new JsonObject().put("title", "h1")).put("output", new JsonObject().put("path", "s.jsonl"));
      return EngineRun.run(vertx, new JsonObject().put("jobs", new JsonArray().add(probe).add(scrape)), dir)
          .map(run -> {
            ctx.verify(() -> {
              for (JsonObject r : run.records(0)) {
                assertNull(r.getValue("error"), r.encode());
                assertEquals(new JsonObject(), r.getJsonObject("fields"));
              }
              assertEquals(11, run.byUrl().get(site.url("/health")).getLong("bytes"));
              assertEquals("not-html", EngineRun.errorType(run.records(1).get(0)));
              assertEquals(0, run.results.get(0).stats().failed());
            });
            return run;
          });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void expectStatusMakesItsStatusesSuccessesAndAnyOtherAnError(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      JsonObject job = new JsonObject().put("urls", urls(site.url("/redirect/1"), site.url("/status/301"),
          site.url("/status/200"), site.url("/status/404"))).put("followRedirects", false)
          .put("expectStatus", new JsonArray().add(200).add(301).add(404));
      return EngineRun.runJob(vertx, job, dir).map(run -> {
        ctx.verify(() -> {
          Map<String, JsonObject> r = run.byUrl();
          JsonObject found = r.get(site.url("/redirect/1"));
          assertEquals("http-status", EngineRun.errorType(found), found.encode());
          assertEquals("HTTP 302 Found; expected 200, 301 or 404", found.getJsonObject("error").getString("message"));
          assertEquals(site.url("/redirect/0"), found.getString("location"), "where the 302 points, absolute");
          assertNull(EngineRun.errorType(r.get(site.url("/status/301"))));
          assertNull(EngineRun.errorType(r.get(site.url("/status/200"))));
          JsonObject gone = r.get(site.url("/status/404"));
          assertNull(EngineRun.errorType(gone), "404 is expected here");
          assertEquals(404, gone.getInteger("status"));
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void headProbesWithoutDownloadingABody(Vertx vertx, VertxTestContext ctx) {
    List<String> methods = new CopyOnWriteArrayList<>();
    TestSite.start(vertx).compose(site -> {
      site.route("/probed", req -> {
        methods.add(req.method().name());
        req.response().putHeader("Content-Type", "text/html").end("<h1>body</h1>");
      });
      JsonObject job = new JsonObject().put("urls", urls(site.url("/probed"))).put("method", "HEAD")
          .put("robotsTxt", false);
      return EngineRun.runJob(vertx, job, dir).map(run -> {
        ctx.verify(() -> {
          JsonObject r = run.only();
          assertNull(r.getValue("error"), r.encode());
          assertEquals(200, r.getInteger("status"));
          assertEquals(0, r.getLong("bytes"));
          assertEquals(List.of("HEAD"), methods);
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aFollowedChainIsListedAndAnErrorAnswerKeepsItsBytesAndType(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      JsonObject job = new JsonObject().put("urls", urls(site.url("/redirect/2"), site.url("/status/404")));
      return EngineRun.runJob(vertx, job, dir).map(run -> {
        ctx.verify(() -> {
          JsonObject chain = run.byUrl().get(site.url("/redirect/2"));
          assertEquals(new JsonArray()
              .add(new JsonObject().put("url", site.url("/redirect/2")).put("status", 302))
              .add(new JsonObject().put("url", site.url("/redirect/1")).put("status", 302))
              .add(new JsonObject().put("url", site.url("/redirect/0")).put("status", 302)),
              chain.getJsonArray("redirects"));
          assertNull(chain.getValue("location"));
          JsonObject gone = run.byUrl().get(site.url("/status/404"));
          assertEquals("http-status", EngineRun.errorType(gone));
          assertTrue(gone.getLong("bytes") > 0, gone.encode());
          assertTrue(gone.getString("contentType").startsWith("text/html"), gone.encode());
          assertEquals(new JsonArray(), gone.getJsonArray("redirects"));
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void timingsTellANewConnectionFromAReusedOne(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      JsonObject job = new JsonObject().put("urls", urls(site.url("/page/1.html"), site.url("/page/2.html"),
          site.url("/page/3.html"), site.url("/page/4.html"))).put("perHost", 1).put("robotsTxt", false);
      return EngineRun.runJob(vertx, job, dir).map(run -> {
        ctx.verify(() -> {
          JsonObject first = run.byUrl().get(site.url("/page/1.html"));
          JsonObject second = run.byUrl().get(site.url("/page/2.html"));
          JsonObject t1 = first.getJsonObject("timings");
          JsonObject t2 = second.getJsonObject("timings");
          assertNotNull(t1.getLong("connectMs"), "the first request opened the connection: " + t1);
          assertNull(t2.getValue("connectMs"), "the second reused it: " + t2);
          for (JsonObject r : List.of(first, second)) {
            JsonObject t = r.getJsonObject("timings");
            assertTrue(t.getLong("queuedMs") >= 0 && t.getLong("ttfbMs") >= 0, t.encode());
            assertTrue(t.getLong("ttfbMs") <= r.getLong("latencyMs") + 1, r.encode());
            assertTrue(t.getLong("totalMs") + 1 >= r.getLong("latencyMs"), r.encode());
          }
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void userInformationIsBasicAuthForItsHostOnlyAndItsPasswordIsNeverShown(Vertx vertx, VertxTestContext ctx) {
    Map<String, String> seen = new ConcurrentHashMap<>();
    TestSite.start(vertx).compose(site -> site.alsoOn("127.0.0.2").map(other -> {
      site.route("/private", req -> {
        seen.put("private", String.valueOf(req.getHeader("Authorization")));
        req.response().setStatusCode(302).putHeader("Location", other.url("/elsewhere")).end();
      });
      other.route("/elsewhere", req -> {
        seen.put("elsewhere", String.valueOf(req.getHeader("Authorization")));
        req.response().putHeader("Content-Type", "text/html").end("<h1>there</h1>");
      });
      return site;
    })).compose(site -> {
      String url = "http://user:s%40cret@127.0.0.1:" + site.port() + "/private";
      JsonObject job = new JsonObject().put("urls", urls(url)).put("robotsTxt", false);
      return EngineRun.runJob(vertx, job, dir).map(run -> {
        ctx.verify(() -> {
          assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString("user:s@cret".getBytes()),
              seen.get("private"));
          assertEquals("null", seen.get("elsewhere"), "another host never gets the credentials");
          JsonObject r = run.only();
          assertEquals("http://user:***@127.0.0.1:" + site.port() + "/private", r.getString("url"));
          assertEquals("http://user:***@127.0.0.1:" + site.port() + "/private",
              r.getJsonArray("redirects").getJsonObject(0).getString("url"));
          String everything = run.terminal + java.nio.file.Files.readString(dir.resolve("test.jsonl"));
          assertFalse(everything.contains("cret"), everything);
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void anIdnHostIsFetchedByItsPunycodeNameAndRecordedAsGiven(VertxTestContext ctx) {
    Vertx vertx = Vertx.vertx(new VertxOptions().setAddressResolverOptions(new AddressResolverOptions()
        .setHostsValue(Buffer.buffer("127.0.0.1 xn--bcher-kva.test\n"))));
    Map<String, String> hosts = new ConcurrentHashMap<>();
    TestSite.start(vertx).compose(site -> {
      site.route("/idn", req -> {
        hosts.put("host", req.getHeader("Host"));
        req.response().putHeader("Content-Type", "text/html").end("<h1>Bücher</h1>");
      });
      String given = "http://bücher.test:" + site.port() + "/idn";
      JsonObject job = new JsonObject().put("urls", urls(given)).put("robotsTxt", false)
          .put("extract", new JsonObject().put("title", "h1"));
      return EngineRun.runJob(vertx, job, dir).map(run -> {
        ctx.verify(() -> {
          JsonObject r = run.only();
          assertNull(r.getValue("error"), r.encode());
          assertEquals(given, r.getString("url"), "recorded as given");
          assertEquals("http://xn--bcher-kva.test:" + site.port() + "/idn", r.getString("finalUrl"));
          assertEquals("xn--bcher-kva.test:" + site.port(), hosts.get("host"));
          assertEquals("Bücher", r.getJsonObject("fields").getString("title"));
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
}
