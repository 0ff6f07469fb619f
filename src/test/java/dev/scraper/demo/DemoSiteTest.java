package dev.scraper.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS) // generous: only a hang should reach it, not a loaded machine
class DemoSiteTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private WebClient client;
  private int port;

  @BeforeEach
  void startSite(Vertx vertx, VertxTestContext ctx) {
    client = WebClient.create(vertx);
    DemoSite.start(vertx, "127.0.0.1", 0).onComplete(ctx.succeeding(server -> {
      port = server.actualPort();
      ctx.completeNow();
    }));
  }

  @Test
  void productPageHasEveryFieldWorthExtracting(VertxTestContext ctx) {
    get("/products/2.html").onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      assertEquals(200, resp.statusCode());
      assertEquals("text/html; charset=utf-8", resp.getHeader("content-type"));
      Document doc = Jsoup.parse(resp.bodyAsString(), url("/products/2.html"));
      assertEquals("Café Backpack", doc.selectFirst("h1.title").text());
      assertTrue(doc.selectFirst("p.price").text().matches("\\$\\d+\\.\\d{2}"), doc.selectFirst("p.price").text());
      assertTrue(doc.selectFirst("span.rating-value").text().matches("[1-5]\\.[05]"));
      assertEquals(url("/img/2.png"), doc.selectFirst("img.cover").attr("abs:src"));
      assertEquals(DemoPages.tags(2), doc.select("li.tag").eachText());
      assertTrue(doc.selectFirst("div.description").html().startsWith("<p>The Café Backpack"));
      assertEquals("/products/3.html", doc.selectFirst("a.next").attr("href"));
      ctx.completeNow();
    })));
  }

  @Test
  void productsAreDistinctAndTheLastHasNoNextLink(VertxTestContext ctx) {
    List<String> titles = java.util.stream.IntStream.rangeClosed(1, DemoPages.PRODUCTS)
        .mapToObj(DemoPages::title).distinct().toList();
    get("/products/40.html").onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      assertEquals(DemoPages.PRODUCTS, titles.size());
      assertTrue(titles.stream().anyMatch(t -> t.startsWith("Über")));
      assertNull(Jsoup.parse(resp.bodyAsString()).selectFirst("a.next"));
      ctx.completeNow();
    })));
  }

  @Test
  void indexListsEveryProduct(VertxTestContext ctx) {
    get("/").onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      assertEquals(DemoPages.PRODUCTS, Jsoup.parse(resp.bodyAsString()).select("li.product a").size());
      ctx.completeNow();
    })));
  }

  @Test
  void unknownProductsAndPagesAre404(VertxTestContext ctx) {
    Future.all(get("/products/41.html"), get("/products/0.html"), get("/img/41.png"), get("/nope"))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          for (int i = 0; i < all.size(); i++) {
            assertEquals(404, all.<HttpResponse<?>>resultAt(i).statusCode());
          }
          ctx.completeNow();
        })));
  }

  @Test
  void imageIsATinyPng(VertxTestContext ctx) {
    get("/img/1.png").onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      assertEquals(200, resp.statusCode());
      assertEquals("image/png", resp.getHeader("content-type"));
      assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(resp.body().getBytes(), 8));
      ctx.completeNow();
    })));
  }

  @Test
  void brokenIs500AndSlowTakesAtLeast800Ms(VertxTestContext ctx) {
    long start = System.nanoTime();
    Future.all(get("/broken.html"), get("/slow.html")).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      assertEquals(500, all.<HttpResponse<?>>resultAt(0).statusCode());
      assertEquals(200, all.<HttpResponse<?>>resultAt(1).statusCode());
      assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(800));
      ctx.completeNow();
    })));
  }

  @Test
  void pagesAreGzippedWhenAsked(VertxTestContext ctx) {
    client.get(port, "127.0.0.1", "/").putHeader("accept-encoding", "gzip").send()
        .onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
          assertEquals("gzip", resp.getHeader("content-encoding"));
          ctx.completeNow();
        })));
  }

  @Test
  void verticleServesOnTheGivenAddress(Vertx vertx, VertxTestContext ctx) {
    DemoSite site = new DemoSite("127.0.0.1", 0);
    vertx.deployVerticle(site)
        .compose(id -> client.get(site.actualPort(), "127.0.0.1", "/products/1.html").send())
        .onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
          assertNotNull(Jsoup.parse(resp.bodyAsString()).selectFirst("h1.title"));
          ctx.completeNow();
        })));
  }

  private Future<HttpResponse<io.vertx.core.buffer.Buffer>> get(String path) {
    return client.get(port, "127.0.0.1", path).send();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }
}
