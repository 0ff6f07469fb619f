package dev.scraper.fetch;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Decides whether a server's certificate chain is trusted, with the JVM's own PKIX checks (trust path, validity,
 * host name), over the JVM's authorities plus those of "tls.caFile"; a refusal is a {@link TlsRefusal} that says
 * why in plain words. The leaf's validity is checked here too, since the JVM accepts a leaf that is itself a trusted
 * certificate without looking at its dates. The insecure check accepts everything. Used by the JDK's TLS engine and
 * by OpenSSL's alike (both call it during the handshake).
 */
final class TrustCheck extends X509ExtendedTrustManager {
  /** The JVM's checks; null when nothing is checked. */
  private final X509ExtendedTrustManager pkix;
  private final VerifiedChains verified = new VerifiedChains();

  private TrustCheck(X509ExtendedTrustManager pkix) {
    this.pkix = pkix;
  }

  /** Accepts every certificate, for any host. */
  static TrustCheck insecure() {
    return new TrustCheck(null);
  }

  /** Trusts the JVM's authorities (its default trust store, or javax.net.ssl.trustStore) and {@code extra}. */
  static TrustCheck over(List<X509Certificate> extra) throws GeneralSecurityException {
    X509ExtendedTrustManager jvm = pkix(null);
    if (extra.isEmpty()) {
      return new TrustCheck(jvm);
    }
    KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      anchors.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e);
    }
    int i = 0;
    for (X509Certificate c : jvm.getAcceptedIssuers()) {
      anchors.setCertificateEntry("jvm-" + i++, c);
    }
    for (X509Certificate c : extra) {
      anchors.setCertificateEntry("ca-file-" + i++, c);
    }
    return new TrustCheck(pkix(anchors));
  }

  private static X509ExtendedTrustManager pkix(KeyStore anchors) throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(anchors);
    for (TrustManager m : factory.getTrustManagers()) {
      if (m instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("the JVM offers no X509ExtendedTrustManager");
  }

  boolean checksNothing() {
    return pkix == null;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    if (pkix == null) {
      return;
    }
    String host = engine == null ? null : engine.getPeerHost();
    long now = System.currentTimeMillis();
    String seenAs = host == null ? null : host + " " + authType; // the verdict depends on both
    if (verified.known(chain, seenAs, now)) {
      return;
    }
    try {
      TlsReasons.checkDates(chain);
      pkix.checkServerTrusted(chain, authType, engine);
    } catch (CertificateException e) {
      throw TlsReasons.refusal(e, chain, host);
    }
    verified.trusted(chain, seenAs, now);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    if (pkix != null) {
      try {
        TlsReasons.checkDates(chain);
        pkix.checkServerTrusted(chain, authType, socket);
      } catch (CertificateException e) {
        throw TlsReasons.refusal(e, chain, null);
      }
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    if (pkix != null) {
      try {
        TlsReasons.checkDates(chain);
        pkix.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        throw TlsReasons.refusal(e, chain, null);
      }
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("a client certificate is never expected here");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("a client certificate is never expected here");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("a client certificate is never expected here");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return pkix == null ? new X509Certificate[0] : pkix.getAcceptedIssuers();
  }

  /** A certificate refused, with the reason in words a user understands as its message. */
  static final class TlsRefusal extends CertificateException {
    TlsRefusal(String reason, Throwable cause) {
      super(reason, cause);
    }
  }
}
