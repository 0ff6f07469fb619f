package dev.scraper.sitemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.config.Defaults;
import dev.scraper.config.SitemapSpec;
import dev.scraper.fetch.FetchError;
import dev.scraper.fetch.FetchResult;
import dev.scraper.frontier.SourceEntry;
import dev.scraper.record.ErrorType;
import dev.scraper.testing.routes.SitemapRoute;
import dev.scraper.url.WebUrl;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The URLs of sitemaps as a stream: one document at a time, in batches, indexes followed in order and no deeper
 * than the limit, loops skipped, failures reported once, parsing on a worker, a stop that ends a read at once.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class SitemapSourceTest {
  private final FakeFetch fetch = new FakeFetch();
  private final List<String> events = new ArrayList<>();
  private final SitemapEvents report = new SitemapEvents() {
    @Override
    public void read(String sitemap, int urls, boolean index) {
      events.add("read " + sitemap + " " + urls + (index ? " index" : ""));
    }

    @Override
    public void failed(String sitemap, String kind, String message) {
      events.add("failed " + sitemap + " " + kind + ": " + message);
    }

    @Override
    public void repeated(String sitemap) {
      events.add("repeated " + sitemap);
    }

    @Override
    public void warning(String message) {
      events.add("warning " + message);
    }
  };

  private static String s(String path) {
    return "http://s.test" + path;
  }

  private static List<String> pages(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> s("/p/" + i)).toList();
  }

  private SitemapSource source(Vertx vertx, List<String> seeds, boolean fromRobots, String... sitemaps) {
    return new SitemapSource(vertx, new SitemapSpec(List.of(sitemaps), fromRobots), seeds, fetch, report);
  }

  /** Reads {@code source} to its end on one context; {@code each} sees every batch and what was fetched by then. */
  private static Future<List<List<SourceEntry>>> drain(Vertx vertx, SitemapSource source,
                                                       Consumer<List<SourceEntry>> each) {
    Promise<List<List<SourceEntry>>> done = Promise.promise();
    List<List<SourceEntry>> batches = new ArrayList<>();
    vertx.getOrCreateContext().runOnContext(v -> readOn(source, batches, each, done));
    return done.future();
  }

  private static void readOn(SitemapSource source, List<List<SourceEntry>> batches,
                             Consumer<List<SourceEntry>> each, Promise<List<List<SourceEntry>>> done) {
    source.next(512).onComplete(ar -> {
      if (ar.failed()) {
        done.fail(ar.cause());
      } else if (ar.result().isEmpty()) {
        done.complete(batches);
      } else {
        batches.add(ar.result());
        each.accept(ar.result());
        readOn(source, batches, each, done);
      }
    });
  }

  private static List<String> urls(List<List<SourceEntry>> batches) {
    return batches.stream().flatMap(List::stream).map(SourceEntry::given).toList();
  }

  @Test
  void oneDocumentIsFetchedAtATimeAndHandedOutInBatches(Vertx vertx, VertxTestContext ctx) {
    fetch.xml(s("/a.xml"), SitemapRoute.urlset(pages(1, 1200)));
    fetch.xml(s("/b.xml"), SitemapRoute.urlset(pages(2000, 2002)));
    SitemapSource source = source(vertx, List.of(), false, s("/a.xml"), s("/b.xml"));
    List<Integer> fetchedAtEachBatch = new ArrayList<>();
    List<Long> totals = new ArrayList<>();
    drain(vertx, source, batch -> {
      fetchedAtEachBatch.add(fetch.fetched.size());
      totals.add(source.total());
    }).onComplete(ctx.succeeding(batches -> ctx.verify(() -> {
      assertEquals(List.of(512, 512, 176, 3), batches.stream().map(List::size).toList());
      assertEquals(List.of(1, 1, 1, 2), fetchedAtEachBatch, "b.xml is fetched once a.xml is handed out");
      assertEquals(List.of(-1L, -1L, -1L, -1L), totals);
      assertEquals(1203, source.total(), "known at the end");
      SourceEntry first = batches.get(0).get(0);
      assertEquals(s("/p/1"), first.given());
      assertEquals("sitemap http://s.test/a.xml, URL 1", first.where());
      assertEquals(List.of("read http://s.test/a.xml 1200", "read http://s.test/b.xml 3"), events);
      ctx.completeNow();
    })));
  }

  @Test
  void anIndexIsFollowedInItsOrderAndASitemapListedAgainIsSkipped(Vertx vertx, VertxTestContext ctx) {
    fetch.xml(s("/i.xml"), SitemapRoute.index(List.of(s("/x.xml"), s("/i.xml"), s("/y.xml"), s("/x.xml"))));
    fetch.xml(s("/x.xml"), SitemapRoute.urlset(pages(1, 2)));
    fetch.xml(s("/y.xml"), SitemapRoute.urlset(pages(3, 3)));
    SitemapSource source = source(vertx, List.of(), false, s("/i.xml"), s("/y.xml"));
    drain(vertx, source, b -> { }).onComplete(ctx.succeeding(batches -> ctx.verify(() -> {
      assertEquals(pages(1, 3), urls(batches));
      assertEquals(List.of(s("/i.xml"), s("/x.xml"), s("/y.xml")), fetch.fetched);
      assertEquals(List.of("read http://s.test/i.xml 4 index", "repeated http://s.test/i.xml",
          "repeated http://s.test/y.xml", "repeated http://s.test/x.xml", "read http://s.test/x.xml 2",
          "read http://s.test/y.xml 1"), events);
      ctx.completeNow();
    })));
  }

  @Test
  void indexesNestedDeeperThanTheLimitAreSkippedWithAWarning(Vertx vertx, VertxTestContext ctx) {
    for (int k = 0; k < 6; k++) {
      fetch.xml(s("/n" + k + ".xml"), SitemapRoute.index(List.of(s("/n" + (k + 1) + ".xml"))));
    }
    SitemapSource source = source(vertx, List.of(), false, s("/n0.xml"));
    drain(vertx, source, b -> { }).onComplete(ctx.succeeding(batches -> ctx.verify(() -> {
      assertEquals(List.of(), urls(batches));
      assertEquals(Defaults.SITEMAP_MAX_DEPTH + 1, fetch.fetched.size(), fetch.fetched.toString());
      assertEquals("warning sitemap index http://s.test/n3.xml is nested 3 deep; the 1 sitemaps it lists were"
          + " skipped (sitemaps are read down to 3 levels below the one given)", events.get(events.size() - 1));
      ctx.completeNow();
    })));
  }

  @Test
  void aSitemapPastTheProtocolsLimitGivesItsFirstUrlsAndAWarning(Vertx vertx, VertxTestContext ctx) {
    fetch.xml(s("/big.xml"), SitemapRoute.urlset(pages(1, Defaults.SITEMAP_MAX_URLS + 1)));
    SitemapSource source = source(vertx, List.of(), false, s("/big.xml"));
    drain(vertx, source, b -> { }).onComplete(ctx.succeeding(batches -> ctx.verify(() -> {
      assertEquals(Defaults.SITEMAP_MAX_URLS, urls(batches).size());
      assertTrue(batches.stream().allMatch(b -> b.size() <= 512), "handed out in batches");
      assertEquals(List.of("read http://s.test/big.xml 50000", "warning sitemap http://s.test/big.xml lists 50001"
          + " URLs; only the first 50000 were taken (the sitemaps protocol's limit)"), events);
      ctx.completeNow();
    })));
  }

  @Test
  void aSitemapThatCannotBeReadIsReportedOnceAndGivesNoUrl(Vertx vertx, VertxTestContext ctx) {
    fetch.results.put(s("/missing.xml"), () -> FetchResult.notFetched(s("/missing.xml"),
        new FetchError(ErrorType.HTTP_STATUS, "HTTP 404 Not Found")));
    fetch.xml(s("/broken.xml"), "<urlset><url><loc>http://s.test/p/9</loc></url><url><lo");
    fetch.xml(s("/ok.xml"), SitemapRoute.urlset(pages(1, 1)) + "\n");
    fetch.xml(s("/i.xml"), SitemapRoute.index(List.of("ftp://s.test/x.xml", s("/ok.xml"))));
    SitemapSource source = source(vertx, List.of(), false, s("/missing.xml"), s("/broken.xml"), s("/i.xml"));
    drain(vertx, source, b -> { }).onComplete(ctx.succeeding(batches -> ctx.verify(() -> {
      assertEquals(pages(1, 1), urls(batches));
      assertEquals("failed http://s.test/missing.xml http-status: HTTP 404 Not Found", events.get(0));
      assertTrue(events.get(1).startsWith("failed http://s.test/broken.xml invalid-sitemap: not a readable "
          + "sitemap: "), events.get(1));
      assertEquals("read http://s.test/i.xml 2 index", events.get(2));
      assertEquals("failed ftp://s.test/x.xml invalid-url: listed by http://s.test/i.xml: 'ftp://s.test/x.xml' is "
          + "not an http or https URL", events.get(3));
      assertEquals(5, events.size(), events.toString());
      ctx.completeNow();
    })));
  }

  @Test
  void aSitemapIsParsedOnAWorkerNeverOnTheEventLoop(Vertx vertx, VertxTestContext ctx) {
    AtomicReference<String> readBy = new AtomicReference<>();
    AtomicReference<Boolean> onEventLoop = new AtomicReference<>();
    Buffer real = Buffer.buffer(SitemapRoute.urlset(pages(1, 3)));
    Buffer spy = (Buffer) Proxy.newProxyInstance(Buffer.class.getClassLoader(), new Class<?>[] {Buffer.class},
        (proxy, method, args) -> {
          if (method.getName().equals("getBytes") && method.getParameterCount() == 0) {
            readBy.set(Thread.currentThread().getName());
            onEventLoop.set(Context.isOnEventLoopThread());
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    fetch.results.put(s("/a.xml"), () -> ok(s("/a.xml"), "application/xml", null, spy));
    SitemapSource source = source(vertx, List.of(), false, s("/a.xml"));
    drain(vertx, source, b -> { }).onComplete(ctx.succeeding(batches -> ctx.verify(() -> {
      assertEquals(pages(1, 3), urls(batches));
      assertNotNull(readBy.get(), "the body was read");
      assertFalse(onEventLoop.get(), "read on " + readBy.get());
      assertTrue(readBy.get().startsWith("vert.x-worker-thread"), readBy.get());
      ctx.completeNow();
    })));
  }

  @Test
  void stoppingEndsAFetchThatWaitsAndTheReadUnderWay(Vertx vertx, VertxTestContext ctx) {
    fetch.hang = true;
    SitemapSource source = source(vertx, List.of(), false, s("/slow.xml"));
    vertx.getOrCreateContext().runOnContext(v -> {
      source.next(512).onComplete(ctx.succeeding(batch -> ctx.verify(() -> {
        assertEquals(List.of(), batch);
        assertEquals(List.of(), events, "a stopped sitemap is not a failed one");
        assertTrue(fetch.cancelled, "the fetch heard the stop");
        ctx.completeNow();
      })));
      vertx.setTimer(50, t -> source.stop());
    });
  }

  @Test
  void theSitemapLinesOfEachHostsRobotsTxtAreReadOnceAfterTheSitemapsGiven(Vertx vertx, VertxTestContext ctx) {
    fetch.robots.put("http://a.test:80", List.of("http://a.test/sm.xml"));
    fetch.robots.put("http://c.test:80", List.of("http://c.test/given.xml", "not a url"));
    fetch.xml("http://a.test/sm.xml", SitemapRoute.urlset(List.of("http://a.test/from-robots")));
    fetch.xml("http://c.test/given.xml", SitemapRoute.urlset(List.of("http://c.test/given")));
    SitemapSource source = source(vertx, List.of("http://a.test/1", "http://b.test/", "http://a.test/2"), true,
        "http://c.test/given.xml");
    drain(vertx, source, b -> { }).onComplete(ctx.succeeding(batches -> ctx.verify(() -> {
      assertEquals(List.of("http://c.test/given", "http://a.test/from-robots"), urls(batches));
      assertEquals(List.of("http://a.test:80", "http://b.test:80", "http://c.test:80"), fetch.robotsAsked);
      assertEquals(List.of("http://c.test/given.xml", "http://a.test/sm.xml"), fetch.fetched);
      assertTrue(events.contains("failed not a url invalid-url: a Sitemap: line of robots.txt: 'not a url' is not a "
          + "valid absolute URL (no scheme; start it with http:// or https://)"), events.toString());
      ctx.completeNow();
    })));
  }

  @Test
  void aRobotsTxtWithoutSitemapLinesIsSaidOnce(Vertx vertx, VertxTestContext ctx) {
    SitemapSource source = source(vertx, List.of("http://a.test/1", "http://b.test/"), true);
    drain(vertx, source, b -> { }).onComplete(ctx.succeeding(batches -> ctx.verify(() -> {
      assertEquals(List.of(), urls(batches));
      assertEquals(List.of("warning sitemapFromRobots: none of the robots.txt of its 2 hosts names a sitemap"), events);
      assertEquals(0, source.total());
      ctx.completeNow();
    })));
  }

  private static FetchResult ok(String url, String contentType, String encoding, Buffer body) {
    return new FetchResult(url, url, 200, 1, body, body.length(), contentType, encoding, System.currentTimeMillis(),
        1, null, List.of(), null);
  }

  /** Sitemaps by URL, fetched at once (or never, until stopped, when {@link #hang}). */
  private static final class FakeFetch implements SitemapFetch {
    final Map<String, java.util.function.Supplier<FetchResult>> results = new HashMap<>();
    final Map<String, List<String>> robots = new HashMap<>();
    final List<String> fetched = new ArrayList<>();
    final List<String> robotsAsked = new ArrayList<>();
    boolean hang;
    boolean cancelled;

    void xml(String url, String body) {
      results.put(url, () -> ok(url, "application/xml", null, Buffer.buffer(body)));
    }

    @Override
    public Future<FetchResult> fetch(WebUrl url, Future<Void> stop) {
      fetched.add(url.toString());
      if (hang) {
        return stop.map(v -> {
          cancelled = true;
          return FetchResult.notFetched(url.toString(), new FetchError(ErrorType.CANCELLED, "stopped"));
        });
      }
      java.util.function.Supplier<FetchResult> r = results.get(url.toString());
      return Future.succeededFuture(r != null ? r.get() : FetchResult.notFetched(url.toString(),
          new FetchError(ErrorType.HTTP_STATUS, "HTTP 404 Not Found")));
    }

    @Override
    public Future<List<String>> robotsSitemaps(WebUrl site) {
      robotsAsked.add(site.hostKey());
      return Future.succeededFuture(robots.getOrDefault(site.hostKey(), List.of()));
    }
  }
}
