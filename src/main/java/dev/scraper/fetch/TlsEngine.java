package dev.scraper.fetch;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import io.vertx.core.net.SSLEngineOptions;
import io.vertx.core.spi.tls.DefaultSslContextFactory;
import io.vertx.core.spi.tls.SslContextFactory;

/**
 * The TLS engine of the client: OpenSSL (BoringSSL through netty-tcnative) when its native library loads on this
 * machine, else the JDK's. Chosen when the first TLS connection is made, not when the client is created, so a run
 * of plain-http URLs never loads the native library. {@code -Dscraper.tls.engine=jdk} forces the JDK's engine.
 * OpenSSL makes a handshake several times cheaper than the JDK's engine (whose elliptic-curve code runs as Java,
 * and with {@code scripts/scraper}'s C1-only JIT): see docs/BENCHMARKS.md.
 */
final class TlsEngine extends SSLEngineOptions {
  /** The system property that forces an engine: "jdk" or "openssl" (the default, when it loads). */
  static final String PROPERTY = "scraper.tls.engine";

  TlsEngine() {
  }

  private TlsEngine(TlsEngine other) {
    super(other);
  }

  @Override
  public SSLEngineOptions copy() {
    return new TlsEngine(this);
  }

  @Override
  public SslContextFactory sslContextFactory() {
    return new DefaultSslContextFactory(openSsl() ? SslProvider.OPENSSL : SslProvider.JDK, true);
  }

  /** Whether OpenSSL is used; the first call loads its native library (tens of ms), later calls cost nothing. */
  static boolean openSsl() {
    return !"jdk".equals(System.getProperty(PROPERTY)) && OpenSsl.isAvailable();
  }

  /** "OpenSSL" or "JDK", with why OpenSSL is not used when it is not. */
  static String describe() {
    if ("jdk".equals(System.getProperty(PROPERTY))) {
      return "JDK (-D" + PROPERTY + "=jdk)";
    }
    return OpenSsl.isAvailable() ? "OpenSSL (" + OpenSsl.versionString() + ")"
        : "JDK (OpenSSL unavailable: " + OpenSsl.unavailabilityCause() + ")";
  }
}
