package dev.scraper.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.routes.BigRoute;
import dev.scraper.testing.routes.ExtractRoute;
import dev.scraper.testing.routes.Latin1Route;
import dev.scraper.testing.routes.PngRoute;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS) // generous: only a hang should reach it, not a loaded machine
class TestSiteTest {
  private static final int POOL = 4;

  private TestSite site;
  private WebClient client;

  @BeforeEach
  void startSite(Vertx vertx, VertxTestContext ctx) {
    client = WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(POOL));
    TestSite.start(vertx).onComplete(ctx.succeeding(started -> {
      site = started;
      ctx.completeNow();
    }));
  }

  @Test
  void pageHasHeadingPriceAndRelativeLinks(VertxTestContext ctx) {
    get(site.url("/page/7.html")).onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      assertEquals("http://127.0.0.1:" + site.port() + "/page/7.html", site.url("/page/7.html"));
      Document doc = Jsoup.parse(resp.bodyAsString(), site.url("/page/7.html"));
      assertEquals("Page 7", doc.selectFirst("h1").text());
      assertEquals("$7.99", doc.selectFirst("p.price").text());
      assertEquals(site.url("/page/8.html"), doc.selectFirst("a.link").attr("abs:href"));
      assertEquals(site.url("/page/img/7.png"), doc.selectFirst("img").attr("abs:src"));
      assertEquals(1, site.hits("/page/7.html"));
      ctx.completeNow();
    })));
  }

  @Test
  void statusAnswersTheCodeAskedFor(VertxTestContext ctx) {
    Future.all(get(site.url("/status/503?retryAfter=2")), get(site.url("/status/404")), get(site.url("/status/204")))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          HttpResponse<Buffer> unavailable = all.resultAt(0);
          assertEquals(503, unavailable.statusCode());
          assertEquals("2", unavailable.getHeader("retry-after"));
          assertTrue(unavailable.bodyAsString().contains("Status 503"));
          assertEquals(404, all.<HttpResponse<Buffer>>resultAt(1).statusCode());
          assertEquals(204, all.<HttpResponse<Buffer>>resultAt(2).statusCode());
          ctx.completeNow();
        })));
  }

  @Test
  void redirectChainEndsAtPageOne(VertxTestContext ctx) {
    get(site.url("/redirect/3")).onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      assertEquals(200, resp.statusCode());
      // Vert.x lists the Location values as sent (relative here), one per hop: N+1 hops for /redirect/N
      assertEquals(List.of("/redirect/2", "/redirect/1", "/redirect/0", "/page/1.html"), resp.followedRedirects());
      assertEquals(1, site.hits("/redirect/0"));
      assertEquals(1, site.hits("/page/1.html"));
      ctx.completeNow();
    })));
  }

  @Test
  void loopAndChainStepsAreRelative302s(VertxTestContext ctx) {
    Future.all(noFollow("/loop"), noFollow("/redirect/2"), noFollow("/redirect/0"))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          List<String> locations = new ArrayList<>();
          for (int i = 0; i < all.size(); i++) {
            assertEquals(302, all.<HttpResponse<Buffer>>resultAt(i).statusCode());
            locations.add(all.<HttpResponse<Buffer>>resultAt(i).getHeader("location"));
          }
          assertEquals(List.of("/loop", "/redirect/1", "/page/1.html"), locations);
          ctx.completeNow();
        })));
  }

  @Test
  void countedRequestsAreBoundedByTheClientPool(VertxTestContext ctx) {
    List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
    for (int i = 0; i < 2 * POOL; i++) {
      all.add(get(site.url("/counted/" + i + ".html?ms=300")));
    }
    Future.all(all).onComplete(ctx.succeeding(done -> ctx.verify(() -> {
      assertEquals(2 * POOL, site.totalCounted());
      assertTrue(site.maxInFlight() >= 2 && site.maxInFlight() <= POOL, "max in flight " + site.maxInFlight());
      assertEquals(0, site.counter().current());
      assertEquals(Map.of("127.0.0.1:" + site.port(), site.maxInFlight()), site.maxInFlightPerHost());
      site.resetCounts();
      assertEquals(0, site.totalCounted());
      assertEquals(0, site.maxInFlight());
      ctx.completeNow();
    })));
  }

  @Test
  void countsAreKeptPerHostAcrossLoopbackAddresses(VertxTestContext ctx) {
    site.alsoOn("127.0.0.2").compose(other -> {
      List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        all.add(get(site.url("/counted/a" + i + "?ms=200")));
        all.add(get(other.url("/counted/b" + i + "?ms=200")));
      }
      return Future.all(all);
    }).onComplete(ctx.succeeding(done -> ctx.verify(() -> {
      Map<String, Integer> perHost = site.maxInFlightPerHost();
      assertEquals(6, site.totalCounted());
      assertEquals(2, perHost.size(), perHost.toString());
      assertTrue(perHost.containsKey("127.0.0.2:" + site.port()), perHost.toString());
      assertTrue(perHost.values().stream().allMatch(n -> n >= 1 && n <= 3), perHost.toString());
      ctx.completeNow();
    })));
  }

  @Test
  void extractFixtureHoldsTheDocumentedValues(VertxTestContext ctx) {
    get(site.url("/extract.html")).onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      Document doc = Jsoup.parse(resp.bodyAsString(), site.url("/extract.html"));
      assertEquals(ExtractRoute.TITLE, doc.selectFirst("h1").text());
      assertEquals(ExtractRoute.PRICE, doc.selectFirst(".price").text());
      assertEquals(ExtractRoute.TAGS, doc.select(".tag").eachText());
      assertEquals(site.url(ExtractRoute.IMAGE_PATH), doc.selectFirst("img").attr("abs:src"));
      assertEquals(ExtractRoute.ARTICLE_HTML, doc.selectFirst("article").html());
      assertTrue(doc.select(ExtractRoute.MISSING).isEmpty());
      ctx.completeNow();
    })));
  }

  @Test
  void bodiesThatNeedCare(VertxTestContext ctx) {
    Future.all(get(site.url("/latin1")), get(site.url("/png-as-html")), get(site.url("/png")), get(site.url("/big")))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          HttpResponse<Buffer> latin1 = all.resultAt(0);
          assertEquals("text/html", latin1.getHeader("content-type"));
          Document doc = Jsoup.parse(new ByteArrayInputStream(latin1.body().getBytes()), null, site.url("/latin1"));
          assertEquals(Latin1Route.TITLE, doc.title());
          HttpResponse<Buffer> lying = all.resultAt(1);
          assertEquals("text/html", lying.getHeader("content-type"));
          assertArrayEquals(PngRoute.PNG, lying.body().getBytes());
          assertEquals("image/png", all.<HttpResponse<Buffer>>resultAt(2).getHeader("content-type"));
          String big = all.<HttpResponse<Buffer>>resultAt(3).bodyAsString();
          assertTrue(big.length() > 1_500_000 && big.length() < 3_000_000, "big is " + big.length());
          assertEquals(BigRoute.ITEMS, big.split("<li class=\"item\">", -1).length - 1);
          ctx.completeNow();
        })));
  }

  @Test
  void slowAnswersAfterTheDelayAndUnknownPathsAre404(VertxTestContext ctx) {
    site.route("/robots.txt", req -> req.response().end("User-agent: *\nDisallow: /private/\n"));
    long start = System.nanoTime();
    Future.all(get(site.url("/slow?ms=200")), get(site.url("/nothing/here")), get(site.url("/robots.txt")))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200));
          assertEquals(200, all.<HttpResponse<Buffer>>resultAt(0).statusCode());
          assertEquals(404, all.<HttpResponse<Buffer>>resultAt(1).statusCode());
          assertTrue(all.<HttpResponse<Buffer>>resultAt(2).bodyAsString().startsWith("User-agent"));
          ctx.completeNow();
        })));
  }

  @Test
  void dripSendsEveryChunkThenEnds(VertxTestContext ctx) {
    get(site.url("/drip?every=10&chunks=5")).onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      assertEquals(5, Jsoup.parse(resp.bodyAsString()).select("p.drop").size());
      ctx.completeNow();
    })));
  }

  private Future<HttpResponse<Buffer>> get(String url) {
    return client.getAbs(url).send();
  }

  private Future<HttpResponse<Buffer>> noFollow(String path) {
    return client.getAbs(site.url(path)).followRedirects(false).send();
  }
}
