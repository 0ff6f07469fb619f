package dev.scraper.testing;

import dev.scraper.testing.routes.BigRoute;
import dev.scraper.testing.routes.CountedRoute;
import dev.scraper.testing.routes.DripRoute;
import dev.scraper.testing.routes.ExtractRoute;
import dev.scraper.testing.routes.Latin1Route;
import dev.scraper.testing.routes.PageRoute;
import dev.scraper.testing.routes.PngRoute;
import dev.scraper.testing.routes.RedirectRoute;
import dev.scraper.testing.routes.Respond;
import dev.scraper.testing.routes.SitemapRoute;
import dev.scraper.testing.routes.SlowRoute;
import dev.scraper.testing.routes.StatusRoute;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local web site for tests: a Vert.x HttpServer on a loopback address (127.0.0.1 unless told otherwise) and a free
 * port, gzip on request. Routes, one class each under {@code routes/}:
 * <ul>
 *   <li>{@code /page/N.html}: h1 "Page N", {@code p.price}, a relative {@code a.link} to page N+1, {@code img} with
 *       relative src ({@link PageRoute});</li>
 *   <li>{@code /status/CODE[?retryAfter=S]} ({@link StatusRoute}); {@code /slow?ms=N} ({@link SlowRoute});
 *       {@code /drip?every=MS&chunks=K} ({@link DripRoute});</li>
 *   <li>{@code /png} and {@code /png-as-html} ({@link PngRoute}); {@code /latin1} ({@link Latin1Route});
 *       {@code /big} ({@link BigRoute}); {@code /extract.html} ({@link ExtractRoute});</li>
 *   <li>{@code /redirect/N} and {@code /loop} ({@link RedirectRoute});</li>
 *   <li>{@code /counted/...?ms=N}: held, and counted in flight per Host header ({@link CountedRoute});</li>
 *   <li>{@code /sitemaps/...}: sitemaps, an index, a gzipped one, a broken one, a loop ({@link SitemapRoute});</li>
 *   <li>anything else, {@code /robots.txt} included: 404, unless a test adds it with {@link #route}.</li>
 * </ul>
 * Per-host tests: start one site, then {@code site.alsoOn("127.0.0.2")} serves the same routes on 127.0.0.2 and
 * the same port, counting into the same {@link InFlightCounter}; keys of {@link #maxInFlightPerHost()} are Host
 * header values such as {@code 127.0.0.2:41234}.
 */
public final class TestSite {
  private final Vertx vertx;
  private final String host;
  private final InFlightCounter counter;
  private final Map<String, Handler<HttpServerRequest>> exact = new ConcurrentHashMap<>();
  private final Map<String, Handler<HttpServerRequest>> prefixes = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final Map<String, MultiMap> lastHeaders = new ConcurrentHashMap<>();
  private HttpServer server;

  private TestSite(Vertx vertx, String host, InFlightCounter counter) {
    this.vertx = vertx;
    this.host = host;
    this.counter = counter;
    exact.put("/slow", new SlowRoute(vertx));
    exact.put("/drip", new DripRoute(vertx));
    exact.put("/png", new PngRoute("image/png"));
    exact.put("/png-as-html", new PngRoute("text/html"));
    exact.put("/latin1", new Latin1Route());
    exact.put("/big", new BigRoute());
    exact.put("/loop", new RedirectRoute());
    exact.put("/extract.html", new ExtractRoute());
    prefixes.put("/page/", new PageRoute());
    prefixes.put("/status/", new StatusRoute());
    prefixes.put("/redirect/", new RedirectRoute());
    prefixes.put("/counted/", new CountedRoute(vertx, counter));
    prefixes.put("/sitemaps/", new SitemapRoute(vertx, counter));
  }

  /** Starts a site on 127.0.0.1 and a free port. */
  public static Future<TestSite> start(Vertx vertx) {
    return start(vertx, "127.0.0.1");
  }

  /** Starts a site on {@code host} (a loopback address such as 127.0.0.2) and a free port. */
  public static Future<TestSite> start(Vertx vertx, String host) {
    return start(vertx, host, 0, new InFlightCounter());
  }

  /** Starts a site on {@code host} and a free port, counting {@code /counted/} requests into a shared counter. */
  public static Future<TestSite> start(Vertx vertx, String host, InFlightCounter counter) {
    return start(vertx, host, 0, counter);
  }

  /** Starts a site on {@code host:port} (0 = a free port), counting {@code /counted/} requests into {@code counter}. */
  public static Future<TestSite> start(Vertx vertx, String host, int port, InFlightCounter counter) {
    TestSite site = new TestSite(vertx, host, counter);
    return vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true))
        .requestHandler(site::dispatch)
        .listen(port, host)
        .map(server -> {
          site.server = server;
          return site;
        });
  }

  /** Starts a second site on {@code otherHost} with this site's port and counter (its custom routes are not copied). */
  public Future<TestSite> alsoOn(String otherHost) {
    return start(vertx, otherHost, port(), counter);
  }

  /** Adds or replaces the handler of one exact path, e.g. {@code /robots.txt}; returns this site. */
  public TestSite route(String path, Handler<HttpServerRequest> handler) {
    exact.put(path, handler);
    return this;
  }

  /** Adds the handler of every path under {@code prefix} (e.g. {@code /crawl/}); returns this site. */
  public TestSite routePrefix(String prefix, Handler<HttpServerRequest> handler) {
    prefixes.put(prefix, handler);
    return this;
  }

  /** The port the site listens on. */
  public int port() {
    return server.actualPort();
  }

  /** The address the site listens on. */
  public String host() {
    return host;
  }

  /** {@code http://HOST:PORT} + {@code path}; {@code path} starts with {@code /}. */
  public String url(String path) {
    return "http://" + host + ":" + port() + path;
  }

  /** The in-flight counter of {@code /counted/} requests (possibly shared with other sites). */
  public InFlightCounter counter() {
    return counter;
  }

  /** The most {@code /counted/} requests in flight at once, all hosts of the counter together. */
  public int maxInFlight() {
    return counter.maxInFlight();
  }

  /** The most {@code /counted/} requests in flight at once per Host header value. */
  public Map<String, Integer> maxInFlightPerHost() {
    return counter.maxInFlightPerHost();
  }

  /** {@code /counted/} requests since the start or the last {@link #resetCounts()}. */
  public int totalCounted() {
    return counter.totalCounted();
  }

  /** Starts a new in-flight measurement; see {@link InFlightCounter#reset()}. */
  public void resetCounts() {
    counter.reset();
  }

  /** Requests this site received for {@code path} (query string excluded), whatever the answer. */
  public int hits(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  /** The headers of the latest request for {@code path}, or null if none came. */
  public MultiMap lastHeaders(String path) {
    return lastHeaders.get(path);
  }

  /** Stops listening. */
  public Future<Void> close() {
    return server.close();
  }

  private void dispatch(HttpServerRequest req) {
    String path = req.path();
    hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    lastHeaders.put(path, MultiMap.caseInsensitiveMultiMap().addAll(req.headers()));
    Handler<HttpServerRequest> handler = exact.get(path);
    if (handler == null) {
      handler = prefixes.entrySet().stream().filter(e -> path.startsWith(e.getKey())).map(Map.Entry::getValue)
          .findFirst().orElse(Respond::notFound);
    }
    handler.handle(req);
  }
}
