package dev.scraper.fetch;

import static dev.scraper.fetch.TlsFixtures.httpServer;
import static dev.scraper.fetch.TlsFixtures.httpsServer;
import static dev.scraper.fetch.TlsFixtures.policy;
import static dev.scraper.fetch.TlsFixtures.tls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.config.TlsProxy;
import dev.scraper.record.ErrorType;
import dev.scraper.testing.TestCerts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Certificates are checked by default and a refusal is a {@code tls} error that says why, in words: self-signed,
 * unknown issuer, expired (since when), another host's name; {@code tls.caFile} adds an authority, {@code
 * tls.insecure} checks nothing. Each case runs with OpenSSL and with the JDK's engine. Servers on 127.0.0.1, with
 * certificates made by keytool ({@link TestCerts}).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class TlsFetchTest {
  private static TestCerts certs;

  @BeforeAll
  static void certificates() {
    certs = TestCerts.get();
  }

  @AfterEach
  void defaultEngine() {
    System.clearProperty(TlsEngine.PROPERTY);
  }

  /** Serves {@code keyStore} over https, fetches its page under {@code t}, and checks the outcome. */
  private void check(Vertx vertx, VertxTestContext ctx, String engine, Path keyStore, TlsProxy t,
                     Consumer<FetchResult> verify) {
    System.setProperty(TlsEngine.PROPERTY, engine);
    TlsFixtures.Client client = new TlsFixtures.Client(vertx);
    httpsServer(vertx, keyStore)
        .compose(port -> client.fetch("https://127.0.0.1:" + port + "/page.html", policy(t)))
        .onComplete(ctx.succeeding(f -> ctx.verify(() -> {
          verify.accept(f);
          ctx.completeNow();
        })));
  }

  private static void ok(FetchResult f) {
    assertNull(f.error(), () -> "refused: " + f.error().getMessage());
    assertEquals(200, f.status());
  }

  private static void refused(FetchResult f, String messageStart) {
    assertEquals(ErrorType.TLS, f.error() == null ? null : f.error().type(), "a tls error");
    assertTrue(f.error().getMessage().startsWith(messageStart), f.error().getMessage());
    assertNull(f.status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"openssl", "jdk"})
  void aSelfSignedCertificateIsRefusedByDefaultAsSelfSigned(String engine, Vertx vertx, VertxTestContext ctx) {
    check(vertx, ctx, engine, certs.selfSigned(), TlsProxy.DEFAULT, f -> {
      refused(f, "certificate not trusted: it is self-signed (CN=127.0.0.1, for 127.0.0.1)");
      assertTrue(f.error().getMessage().endsWith("trust it with tls.caFile, or skip every check with tls.insecure"),
          f.error().getMessage());
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"openssl", "jdk"})
  void aSelfSignedCertificateIsAcceptedWhenCaFileHoldsIt(String engine, Vertx vertx, VertxTestContext ctx) {
    check(vertx, ctx, engine, certs.selfSigned(), tls(certs.selfSignedPem(), false, null), TlsFetchTest::ok);
  }

  @ParameterizedTest
  @ValueSource(strings = {"openssl", "jdk"})
  void aCertificateOfAnUnknownAuthorityIsRefusedNamingTheIssuer(String engine, Vertx vertx, VertxTestContext ctx) {
    check(vertx, ctx, engine, certs.good(), TlsProxy.DEFAULT, f -> refused(f,
        "certificate not trusted: its issuer \"scraper test CA\" is not a known certificate authority"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"openssl", "jdk"})
  void aCertificateOfTheCaFileAuthorityIsAccepted(String engine, Vertx vertx, VertxTestContext ctx) {
    check(vertx, ctx, engine, certs.good(), tls(certs.caPem(), false, null), TlsFetchTest::ok);
  }

  @ParameterizedTest
  @ValueSource(strings = {"openssl", "jdk"})
  void anExpiredCertificateIsRefusedSayingSinceWhen(String engine, Vertx vertx, VertxTestContext ctx) {
    check(vertx, ctx, engine, certs.expired(), tls(certs.caPem(), false, null), f -> {
      refused(f, "certificate expired on ");
      assertTrue(f.error().getMessage().matches(
          "certificate expired on \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\((2|3) days ago\\)"),
          f.error().getMessage());
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"openssl", "jdk"})
  void aCertificateForAnotherNameIsRefusedNamingBoth(String engine, Vertx vertx, VertxTestContext ctx) {
    check(vertx, ctx, engine, certs.wrongName(), tls(certs.caPem(), false, null), f -> refused(f,
        "certificate name mismatch: asked for 127.0.0.1, but the certificate is for " + TestCerts.OTHER_NAME));
  }

  @ParameterizedTest
  @ValueSource(strings = {"openssl", "jdk"})
  void insecureAcceptsSelfSignedExpiredAndWrongNameCertificates(String engine, Vertx vertx, VertxTestContext ctx) {
    System.setProperty(TlsEngine.PROPERTY, engine);
    TlsFixtures.Client client = new TlsFixtures.Client(vertx);
    TlsProxy insecure = tls(null, true, null);
    Future.all(httpsServer(vertx, certs.selfSigned()), httpsServer(vertx, certs.expired()),
            httpsServer(vertx, certs.wrongName()))
        .compose(ports -> Future.all(ports.<Integer>list().stream()
            .map(port -> client.fetch("https://127.0.0.1:" + port + "/", policy(insecure))).toList()))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          all.<FetchResult>list().forEach(TlsFetchTest::ok);
          ctx.completeNow();
        })));
  }

  /**
   * One client serves every job: a connection opened for a job that trusts more (or checks nothing) is never
   * reused by a job that trusts less, on the same host.
   */
  @ParameterizedTest
  @ValueSource(strings = {"openssl", "jdk"})
  void settingsOfOneJobNeverLeakToAnotherOnTheSameHost(String engine, Vertx vertx, VertxTestContext ctx) {
    System.setProperty(TlsEngine.PROPERTY, engine);
    TlsFixtures.Client client = new TlsFixtures.Client(vertx);
    httpsServer(vertx, certs.selfSigned()).compose(port -> {
      String url = "https://127.0.0.1:" + port + "/";
      return client.fetch(url, policy(tls(null, true, null)))
          .compose(insecure -> client.fetch(url, policy(tls(certs.selfSignedPem(), false, null)))
              .compose(trusted -> client.fetch(url, policy(TlsProxy.DEFAULT))
                  .map(strict -> new FetchResult[] {insecure, trusted, strict})));
    }).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      ok(r[0]);
      ok(r[1]);
      refused(r[2], "certificate not trusted: it is self-signed");
      ctx.completeNow();
    })));
  }

  @ParameterizedTest
  @ValueSource(strings = {"openssl", "jdk"})
  void aPlainHttpServerOnAnHttpsUrlIsATlsErrorSayingSo(String engine, Vertx vertx, VertxTestContext ctx) {
    System.setProperty(TlsEngine.PROPERTY, engine);
    TlsFixtures.Client client = new TlsFixtures.Client(vertx);
    httpServer(vertx).compose(port -> client.fetch("https://127.0.0.1:" + port + "/", policy(TlsProxy.DEFAULT)))
        .onComplete(ctx.succeeding(f -> ctx.verify(() -> {
          refused(f, "TLS handshake failed: the server does not speak TLS on this port");
          ctx.completeNow();
        })));
  }
}
