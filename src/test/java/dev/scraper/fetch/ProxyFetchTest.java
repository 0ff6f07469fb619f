package dev.scraper.fetch;

import static dev.scraper.fetch.TlsFixtures.httpServer;
import static dev.scraper.fetch.TlsFixtures.httpsServer;
import static dev.scraper.fetch.TlsFixtures.policy;
import static dev.scraper.fetch.TlsFixtures.tls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.config.ProxySpec;
import dev.scraper.record.ErrorType;
import dev.scraper.testing.HttpProxy;
import dev.scraper.testing.Socks5Proxy;
import dev.scraper.testing.TestCerts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests go through the job's proxy: an HTTP proxy gets plain http in absolute form and https as a CONNECT
 * tunnel, a SOCKS5 proxy a CONNECT for both; credentials are sent and checked; a refused login, or a proxy that
 * is down, is a {@code connect} error that names the proxy and never shows the password. The proxies are the
 * tests' own ({@link HttpProxy}, {@link Socks5Proxy}), on 127.0.0.1, and count what they are asked.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class ProxyFetchTest {
  private static final String SECRET = "s3cret-pw";
  private static TestCerts certs;

  @BeforeAll
  static void certificates() {
    certs = TestCerts.get();
  }

  private static ProxySpec proxy(String scheme, int port, String user, String password) {
    return new ProxySpec(scheme, "127.0.0.1", port, user, password);
  }

  private static void ok(FetchResult f) {
    assertNull(f.error(), () -> "failed: " + f.error().getMessage());
    assertEquals(200, f.status());
  }

  @Test
  void plainHttpGoesThroughAnHttpProxyInAbsoluteFormWithItsCredentials(Vertx vertx, VertxTestContext ctx) {
    TlsFixtures.Client client = new TlsFixtures.Client(vertx);
    Future.all(httpServer(vertx), HttpProxy.start(vertx, "bob", SECRET)).compose(started -> {
      int site = started.resultAt(0);
      HttpProxy p = started.resultAt(1);
      String url = "http://127.0.0.1:" + site + "/a.html";
      return client.fetch(url, policy(tls(null, false, proxy("http", p.port(), "bob", SECRET)))).map(f -> {
        ctx.verify(() -> {
          ok(f);
          assertEquals(List.of("GET " + url), p.seen);
          assertEquals(List.of(), p.refused);
        });
        return f;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void httpsGoesThroughAnHttpProxyAsAConnectTunnel(Vertx vertx, VertxTestContext ctx) {
    TlsFixtures.Client client = new TlsFixtures.Client(vertx);
    Future.all(httpsServer(vertx, certs.good()), HttpProxy.start(vertx, "bob", SECRET)).compose(started -> {
      int site = started.resultAt(0);
      HttpProxy p = started.resultAt(1);
      return client.fetch("https://127.0.0.1:" + site + "/a.html",
          policy(tls(certs.caPem(), false, proxy("http", p.port(), "bob", SECRET)))).map(f -> {
            ctx.verify(() -> {
              ok(f);
              assertEquals(List.of("CONNECT 127.0.0.1:" + site), p.seen);
            });
            return f;
          });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aWrongPasswordForTheHttpProxyIsAnErrorThatNeverShowsIt(Vertx vertx, VertxTestContext ctx) {
    TlsFixtures.Client client = new TlsFixtures.Client(vertx);
    Future.all(httpsServer(vertx, certs.good()), httpServer(vertx), HttpProxy.start(vertx, "bob", "right"))
        .compose(started -> {
          HttpProxy p = started.resultAt(2);
          var policy = policy(tls(certs.caPem(), false, proxy("http", p.port(), "bob", SECRET)));
          return Future.all(client.fetch("https://127.0.0.1:" + started.resultAt(0) + "/", policy),
              client.fetch("http://127.0.0.1:" + started.resultAt(1) + "/", policy)).map(both -> {
                ctx.verify(() -> {
                  FetchResult tunnel = both.resultAt(0);
                  FetchResult plain = both.resultAt(1);
                  assertEquals(ErrorType.CONNECT, tunnel.error().type(), tunnel.error().getMessage());
                  assertTrue(tunnel.error().getMessage().startsWith("proxy refused the request: it wants"
                      + " credentials, or refused those given (407"), tunnel.error().getMessage());
                  assertEquals(ErrorType.HTTP_STATUS, plain.error().type(), "the proxy answers a plain request");
                  assertEquals(407, plain.status());
                  for (FetchResult f : List.of(tunnel, plain)) {
                    assertFalse(f.error().getMessage().contains(SECRET), f.error().getMessage());
                  }
                  assertEquals(2, p.refused.size());
                });
                return both;
              });
        }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void httpAndHttpsGoThroughASocks5ProxyWithItsCredentials(Vertx vertx, VertxTestContext ctx) {
    TlsFixtures.Client client = new TlsFixtures.Client(vertx);
    Future.all(httpsServer(vertx, certs.good()), httpServer(vertx), Socks5Proxy.start(vertx, "bob", SECRET))
        .compose(started -> {
          int tlsSite = started.resultAt(0);
          int plainSite = started.resultAt(1);
          Socks5Proxy p = started.resultAt(2);
          var policy = policy(tls(certs.caPem(), false, proxy("socks5", p.port(), "bob", SECRET)));
          return client.fetch("https://127.0.0.1:" + tlsSite + "/", policy)
              .compose(a -> client.fetch("http://127.0.0.1:" + plainSite + "/", policy).map(b -> {
                ctx.verify(() -> {
                  ok(a);
                  ok(b);
                  assertEquals(List.of("127.0.0.1:" + tlsSite, "127.0.0.1:" + plainSite), p.connects);
                });
                return b;
              }));
        }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aWrongPasswordForTheSocks5ProxyIsAConnectErrorThatNeverShowsIt(Vertx vertx, VertxTestContext ctx) {
    TlsFixtures.Client client = new TlsFixtures.Client(vertx);
    Future.all(httpServer(vertx), Socks5Proxy.start(vertx, "bob", "right")).compose(started -> {
      Socks5Proxy p = started.resultAt(1);
      return client.fetch("http://127.0.0.1:" + started.resultAt(0) + "/",
          policy(tls(null, false, proxy("socks5", p.port(), "bob", SECRET)))).map(f -> {
            ctx.verify(() -> {
              assertEquals(ErrorType.CONNECT, f.error().type(), f.error().getMessage());
              assertTrue(f.error().getMessage().startsWith("proxy refused the user name or password"),
                  f.error().getMessage());
              assertFalse(f.error().getMessage().contains(SECRET));
              assertEquals(List.of("bob"), p.refused);
              assertEquals(List.of(), p.connects);
            });
            return f;
          });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aProxyThatIsDownIsAConnectErrorNamingItWithItsPasswordMasked(Vertx vertx, VertxTestContext ctx) {
    TlsFixtures.Client client = new TlsFixtures.Client(vertx);
    NetServer probe = vertx.createNetServer().connectHandler(s -> s.close());
    probe.listen(0, "127.0.0.1").compose(s -> {
      int closed = s.actualPort();
      return s.close().map(closed);
    }).compose(closedPort -> client.fetch("http://127.0.0.1:9/", // never reached: the proxy is down
        policy(tls(null, false, proxy("http", closedPort, "bob", SECRET)))).map(f -> {
          ctx.verify(() -> {
            assertEquals(ErrorType.CONNECT, f.error().type(), f.error().getMessage());
            assertTrue(f.error().getMessage().startsWith("through proxy http://bob:***@127.0.0.1:" + closedPort
                + ": "), f.error().getMessage());
            assertFalse(f.error().getMessage().contains(SECRET));
          });
          return f;
        })).onComplete(ctx.succeedingThenComplete());
  }
}
