package dev.scraper.fetch;

import dev.scraper.config.FetchPolicy;
import dev.scraper.config.ProxySpec;
import dev.scraper.config.TlsProxy;
import dev.scraper.memory.MemoryBudget;
import dev.scraper.testing.TestCerts;
import dev.scraper.url.WebUrl;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Servers, policies and one-URL fetches for the TLS and proxy tests; everything on 127.0.0.1. */
final class TlsFixtures {
  static final String PAGE = "<!doctype html><html><head><title>ok</title></head><body><h1>ok</h1></body></html>";

  private TlsFixtures() {
  }

  /** An https server on 127.0.0.1 with the identity in {@code keyStore} (see {@link TestCerts}); its port. */
  static Future<Integer> httpsServer(Vertx vertx, Path keyStore) {
    HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
        .setKeyCertOptions(new PfxOptions().setPath(keyStore.toString()).setPassword(TestCerts.PASSWORD));
    return serve(vertx, options);
  }

  /** A plain http server on 127.0.0.1; its port. */
  static Future<Integer> httpServer(Vertx vertx) {
    return serve(vertx, new HttpServerOptions().setHost("127.0.0.1").setPort(0));
  }

  private static Future<Integer> serve(Vertx vertx, HttpServerOptions options) {
    HttpServer server = vertx.createHttpServer(options).requestHandler(req -> req.response()
        .putHeader("Content-Type", "text/html; charset=utf-8").end(PAGE));
    return server.listen().map(HttpServer::actualPort);
  }

  /** The settings: trust the JVM's authorities plus those of {@code pem} (null: none), maybe insecure, maybe a proxy. */
  static TlsProxy tls(Path pem, boolean insecure, ProxySpec proxy) {
    return new TlsProxy(pem == null ? null : pem.toAbsolutePath(), pem == null ? List.of() : certs(pem), insecure,
        proxy);
  }

  static List<X509Certificate> certs(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      List<X509Certificate> out = new ArrayList<>();
      CertificateFactory.getInstance("X.509").generateCertificates(in).forEach(c -> out.add((X509Certificate) c));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (CertificateException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The default policy with {@code t}, no retries, a short budget and robots.txt off. */
  static FetchPolicy policy(TlsProxy t) {
    FetchPolicy d = FetchPolicy.defaults();
    return new FetchPolicy(d.concurrency(), d.perHost(), 0, 10_000, 5_000, 5_000, true, d.maxRedirects(),
        d.maxBodyBytes(), 0, d.retryOn(), d.userAgent(), d.headers(), false, false, d.maxRetryAfterMs(),
        d.maxCrawlDelayMs(), d.method(), d.expectStatus(), t);
  }

  /** A fetcher of its own (a client of its own) on one event loop, as the engine's. */
  static final class Client {
    private final Context context;
    private Fetcher fetcher;

    Client(Vertx vertx) {
      this.context = vertx.getOrCreateContext();
    }

    /** Fetches {@code url} on the client's event loop; the body is released. */
    Future<FetchResult> fetch(String url, FetchPolicy policy) {
      Promise<FetchResult> result = Promise.promise();
      context.runOnContext(v -> {
        if (fetcher == null) {
          fetcher = Fetcher.create(context.owner(), new MemoryBudget(1L << 30));
        }
        fetcher.fetch(WebUrl.parse(url), policy, () -> { }, (target, p) -> Future.succeededFuture(() -> { }),
            FetchObserver.NONE).result().onComplete(ar -> {
              if (ar.succeeded()) {
                ar.result().release();
              }
              result.handle(ar);
            });
      });
      return result.future();
    }
  }
}
