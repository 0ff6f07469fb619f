package dev.scraper.fetch;

import dev.scraper.config.ProxySpec;
import dev.scraper.config.TlsProxy;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a job's {@link TlsProxy} means to the client, request by request: the TLS options (who is trusted, whether
 * host names are checked) and the proxy. One {@link ClientSSLOptions} per distinct (caFile, insecure), one
 * {@link ProxyOptions} per distinct proxy, kept for the life of the process: the client keys its connection pools
 * and TLS contexts on them, so jobs whose settings match share connections and sessions, and jobs whose settings
 * differ never do (each set of TLS options has a trust source of its own, which is what the client compares).
 * Thread-safe: a warm-up thread fills it while Vert.x starts.
 */
public final class Transport {
  private static final Map<TlsKey, ClientSSLOptions> TLS = new ConcurrentHashMap<>();
  private static final Map<ProxySpec, ProxyOptions> PROXIES = new ConcurrentHashMap<>();

  private record TlsKey(Path caFile, boolean insecure) {
  }

  private Transport() {
  }

  /** The TLS options of requests to https URLs under {@code t}. */
  static ClientSSLOptions tls(TlsProxy t) {
    TlsKey key = t.insecure() ? new TlsKey(null, true) : new TlsKey(t.caFile(), false);
    return TLS.computeIfAbsent(key, k -> build(t));
  }

  /** The proxy of requests under {@code t}, or null for direct connections. */
  static ProxyOptions proxy(TlsProxy t) {
    ProxySpec p = t.proxy();
    return p == null ? null : PROXIES.computeIfAbsent(p, Transport::proxyOptions);
  }

  /**
   * Readies what any first TLS connection needs: the TLS engine (OpenSSL's native library) and a first run of the
   * JVM's certificate checks. Blocks for a few hundred ms of CPU: call on a thread of its own, as early as it is
   * known that TLS will be used. Failures are left for the first connection to report.
   */
  public static void warmEngine() {
    TlsWarmup.engine();
  }

  /**
   * Readies the TLS settings of these jobs: their trust stores (the JVM's authorities are read once, a caFile's
   * added), and a TLS context of each that writes a first ClientHello. Also does {@link #warmEngine()} if it was
   * not done. Call on a thread of its own; the first connection waits only for what is not ready yet.
   */
  public static void warm(Collection<TlsProxy> transports) {
    List<ClientSSLOptions> options = transports.stream().map(Transport::tls).toList();
    for (ClientSSLOptions o : options) {
      try {
        ((TrustSource) o.getTrustOptions()).factory(); // beside the engine's start-up on the other thread
      } catch (javax.net.ssl.SSLException e) {
        // the first connection reports it
      }
    }
    TlsWarmup.engine();
    TlsWarmup.contexts(options);
  }

  /** Cheap: the trust store is read later, off the event loop (see {@link TrustSource}). */
  private static ClientSSLOptions build(TlsProxy t) {
    return new ClientSSLOptions()
        .setTrustOptions(new TrustSource(t.insecure() ? List.of() : t.caCerts(), t.insecure()))
        .setHostnameVerificationAlgorithm(t.insecure() ? "" : "HTTPS")
        .setUseAlpn(false);
  }

  private static ProxyOptions proxyOptions(ProxySpec p) {
    ProxyOptions o = new ProxyOptions()
        .setType(p.scheme().equals("socks5") ? ProxyType.SOCKS5 : ProxyType.HTTP)
        .setHost(p.host())
        .setPort(p.port());
    if (p.username() != null) {
      o.setUsername(p.username()).setPassword(p.password());
    }
    return o;
  }
}
