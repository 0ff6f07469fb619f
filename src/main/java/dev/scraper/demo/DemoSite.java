package dev.scraper.demo;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An offline demo shop the project serves itself: {@code /} lists {@value DemoPages#PRODUCTS} products,
 * {@code /products/N.html} shows one, {@code /img/N.png} is its picture, {@code /slow.html} answers after 800 ms,
 * {@code /broken.html} answers 500 and everything else 404. HTML is UTF-8 and gzipped when asked for.
 */
public final class DemoSite extends VerticleBase {
  private static final Pattern PRODUCT = Pattern.compile("/products/(\\d{1,4})\\.html");
  private static final Pattern BENCH = Pattern.compile("/bench/(\\d{1,12})\\.html");
  private static final Pattern IMAGE = Pattern.compile("/img/(\\d{1,4})\\.png");
  private static final String HTML = "text/html; charset=utf-8";
  private static final long SLOW_MS = 800;
  private static final byte[] PNG = Base64.getDecoder().decode( // a valid 1x1 PNG
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

  private final String host;
  private final int port;
  private HttpServer server;

  /** A verticle that serves the shop on {@code host:port} (port 0 = any free port). */
  public DemoSite(String host, int port) {
    this.host = host;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    return start(vertx, host, port).onSuccess(s -> server = s);
  }

  /** The port the verticle listens on, once started. */
  public int actualPort() {
    return server.actualPort();
  }

  /** Starts the shop's HTTP server on {@code host:port} (port 0 = any free port). */
  public static Future<HttpServer> start(Vertx vertx, String host, int port) {
    return vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true))
        .requestHandler(req -> handle(vertx, req))
        .listen(port, host);
  }

  private static void handle(Vertx vertx, HttpServerRequest req) {
    String path = req.path();
    int product = number(PRODUCT, path);
    if (path.equals("/") || path.equals("/index.html")) {
      html(req, 200, DemoPages.index());
    } else if (product > 0) {
      html(req, 200, DemoPages.product(product));
    } else if (number(IMAGE, path) > 0) {
      req.response().putHeader(HttpHeaders.CONTENT_TYPE, "image/png")
          .putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY) // already compressed
          .end(Buffer.buffer(PNG));
    } else if (path.equals("/slow.html")) {
      vertx.setTimer(SLOW_MS, id -> html(req, 200, DemoPages.notice("Slow page", "This page took 800 ms.")));
    } else if (path.startsWith("/bench/")) {
      bench(vertx, req, path);
    } else if (path.equals("/broken.html")) {
      html(req, 500, DemoPages.notice("Server error", "This page is broken on purpose."));
    } else {
      html(req, 404, DemoPages.notice("Not found", "No page at " + path + "."));
    }
  }

  /**
   * {@code /bench/N.html[?delay=MS]}: product page N (modulo the catalogue) under a distinct URL for any N, answered
   * after MS ms (0-10000): the pages of {@code scripts/bench.sh}.
   */
  private static void bench(Vertx vertx, HttpServerRequest req, String path) {
    Matcher m = BENCH.matcher(path);
    if (!m.matches()) {
      html(req, 404, DemoPages.notice("Not found", "No page at " + path + "."));
      return;
    }
    int n = (int) (Long.parseLong(m.group(1)) % DemoPages.PRODUCTS) + 1;
    String delay = req.getParam("delay");
    long ms = delay != null && delay.matches("\\d{1,5}") ? Math.min(10_000, Long.parseLong(delay)) : 0;
    if (ms == 0) {
      html(req, 200, DemoPages.product(n));
    } else {
      vertx.setTimer(ms, id -> html(req, 200, DemoPages.product(n)));
    }
  }

  /** The product number in {@code path}, or 0 when the path does not name a product. */
  private static int number(Pattern pattern, String path) {
    Matcher m = pattern.matcher(path);
    int n = m.matches() ? Integer.parseInt(m.group(1)) : 0;
    return n <= DemoPages.PRODUCTS ? n : 0;
  }

  private static void html(HttpServerRequest req, int status, String html) {
    req.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, HTML).end(Buffer.buffer(html));
  }

  /** Serves the shop until the process is killed; see {@link DemoOptions} for the arguments. */
  public static void main(String[] args) {
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("demo site: " + e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    DemoSite site = new DemoSite(options.host(), options.port());
    vertx.deployVerticle(site).onSuccess(id -> {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().toCompletionStage().toCompletableFuture()
          .orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join(), "demo-site-shutdown"));
      String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
      System.out.println("demo site: http://" + host + ":" + site.actualPort() + "/ (" + DemoPages.PRODUCTS
          + " products; Ctrl-C to stop)");
    }).onFailure(e -> {
      System.err.println("demo site: cannot bind " + options.host() + ":" + options.port() + ": " + e.getMessage());
      vertx.close().onComplete(v -> System.exit(1));
    });
  }
}
