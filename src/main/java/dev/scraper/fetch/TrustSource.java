package dev.scraper.fetch;

import io.vertx.core.Vertx;
import io.vertx.core.net.TrustOptions;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The trust of one set of TLS settings, as Vert.x asks for it: a {@link TrustCheck} over the JVM's authorities
 * and a caFile's, built on first use, which is the warm-up thread or Vert.x's worker thread before a first
 * connection, never the event loop (reading the JVM's trust store takes tens of ms, the TLS engine's start-up
 * more). Immutable once built: its
 * copy is itself, so that the copies Vert.x makes of the TLS options for each request compare equal, and
 * requests with the same settings share connections.
 */
final class TrustSource implements TrustOptions {
  private final List<X509Certificate> extra;
  private final boolean insecure;
  private TrustManagerFactory factory;

  TrustSource(List<X509Certificate> extra, boolean insecure) {
    this.extra = List.copyOf(extra);
    this.insecure = insecure;
  }

  /** The factory of the one {@link TrustCheck}; built by the first caller, the others wait for it. */
  synchronized TrustManagerFactory factory() throws SSLException {
    if (factory == null) {
      TrustCheck check;
      try {
        check = insecure ? TrustCheck.insecure() : TrustCheck.over(extra);
      } catch (GeneralSecurityException e) {
        throw new SSLException("cannot set up the trusted certificates: " + e.getMessage(), e);
      }
      try {
        factory = TrustOptions.wrap(check).getTrustManagerFactory(null);
      } catch (Exception e) {
        throw new SSLException("cannot set up the trusted certificates: " + e.getMessage(), e);
      }
      // Vert.x asks for this on a worker thread before it makes the first TLS context of these settings (on the
      // event loop): the engine's start-up is done here too when no warm-up did it (an https URL the config did
      // not show: a redirect, a named pipe).
      TlsWarmup.engine();
    }
    return factory;
  }

  @Override
  public TrustOptions copy() {
    return this;
  }

  @Override
  public TrustManagerFactory getTrustManagerFactory(Vertx vertx) throws SSLException {
    return factory();
  }

  @Override
  public Function<String, TrustManager[]> trustManagerMapper(Vertx vertx) throws SSLException {
    TrustManager[] managers = factory().getTrustManagers();
    return serverName -> managers;
  }
}
