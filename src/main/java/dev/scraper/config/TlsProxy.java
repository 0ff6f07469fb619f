package dev.scraper.config;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * How a job's connections are made: which certificates are trusted (the JVM's authorities, plus those of
 * "tls.caFile"; none are checked with "tls.insecure") and the proxy they go through.
 *
 * @param caFile the PEM file of extra trusted authorities (absolute), or null
 * @param caCerts the certificates read from it (empty without a file)
 * @param insecure skip every certificate check (trust, expiry, host name)
 * @param proxy the proxy, or null for direct connections
 */
public record TlsProxy(Path caFile, List<X509Certificate> caCerts, boolean insecure, ProxySpec proxy) {
  /** Direct connections, the JVM's authorities, every check on: the defaults. */
  public static final TlsProxy DEFAULT = new TlsProxy(Defaults.TLS_CA_FILE, List.of(), Defaults.TLS_INSECURE,
      Defaults.PROXY);

  public TlsProxy {
    caCerts = List.copyOf(caCerts);
  }
}
