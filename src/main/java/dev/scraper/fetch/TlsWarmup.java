package dev.scraper.fetch;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.net.ClientSSLOptions;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Runs the TLS code of a first connection once, off the event loop, before the first connection needs it: OpenSSL's
 * native library is loaded, the trust stores are read, a certificate chain goes through the JVM's whole path
 * validation (whose first run reads the JDK's authorities again and loads its name normaliser: tens of ms), and a
 * client engine writes a ClientHello. Measured on 2 cores: done by the first connection on the event loop, the
 * first record's latency was 530-570 ms; with this running beside the launcher's start-up, 68-85 ms
 * (docs/BENCHMARKS.md). Nothing is sent anywhere.
 */
final class TlsWarmup {
  /**
   * A throwaway chain (an authority and a leaf for warm-up.invalid, EC P-256, valid 2025-2125) that only exists to
   * be validated here; its keys were discarded when it was made.
   */
  private static final String CHAIN = """
      -----BEGIN CERTIFICATE-----
      MIIBdDCCARugAwIBAgIBATAKBggqhkjOPQQDAjAhMR8wHQYDVQQDDBZzY3JhcGVy
      IFRMUyB3YXJtLXVwIENBMCAXDTI1MDEwMTAwMDAwMFoYDzIxMjUwMTAxMDAwMDAw
      WjAhMR8wHQYDVQQDDBZzY3JhcGVyIFRMUyB3YXJtLXVwIENBMFkwEwYHKoZIzj0C
      AQYIKoZIzj0DAQcDQgAEWg73SV/nbk2g+tyfIWXoM24GHhA0dI+QMtA9Z3ddXEoK
      jCB/+45DPua1XDd4CSWbL+wuVTxkFsngOI0Vm7zqdKNCMEAwDwYDVR0TAQH/BAUw
      AwEB/zAOBgNVHQ8BAf8EBAMCAQYwHQYDVR0OBBYEFGn5cPSUAAcQ0xzkt0/cBxsG
      YYltMAoGCCqGSM49BAMCA0cAMEQCIG+XJVX1luOWPPb4lyQRhicpaWtU1hHfolva
      Bb0/+FGkAiAyQs94XVqQkNoeCpx9W1azmvC5e/BaSEaRVL/EPBYqQQ==
      -----END CERTIFICATE-----
      -----BEGIN CERTIFICATE-----
      MIIBvDCCAWKgAwIBAgIBAjAKBggqhkjOPQQDAjAhMR8wHQYDVQQDDBZzY3JhcGVy
      IFRMUyB3YXJtLXVwIENBMCAXDTI1MDEwMTAwMDAwMFoYDzIxMjUwMTAxMDAwMDAw
      WjAaMRgwFgYDVQQDDA93YXJtLXVwLmludmFsaWQwWTATBgcqhkjOPQIBBggqhkjO
      PQMBBwNCAAQiVWAcq4uR/Eq30DDHEGMBjkeW7eJpWTwl2V9QVGqnh1cA+NFJRQGy
      4h4kFpZPqNimRbMpzu4Z2MmbRrP5sFguo4GPMIGMMAkGA1UdEwQCMAAwDgYDVR0P
      AQH/BAQDAgeAMBMGA1UdJQQMMAoGCCsGAQUFBwMBMBoGA1UdEQQTMBGCD3dhcm0t
      dXAuaW52YWxpZDAfBgNVHSMEGDAWgBRp+XD0lAAHENMc5LdP3AcbBmGJbTAdBgNV
      HQ4EFgQU/iN9+SHr2WOT41L019wM6x8aaxkwCgYIKoZIzj0EAwIDSAAwRQIhAMdW
      tVn1LHb7MvJICeLUvP0kiKTF7nbldYnn2ex4U5sIAiB5JM+XgWd+42NrHlQ7Sxye
      W+jL2R8d3uJd2x9zExSaeA==
      -----END CERTIFICATE-----
      """;
  private static final String HOST = "warm-up.invalid";
  private static boolean engineDone;

  private TlsWarmup() {
  }

  /** Loads the engine and runs the JVM's path validation once; later calls return at once. */
  static void engine() {
    synchronized (TlsWarmup.class) {
      if (engineDone) {
        return;
      }
      engineDone = true;
    }
    TlsEngine.openSsl(); // loads OpenSSL's native library, if it is used
    validateOnce();
  }

  /** Has a TLS context of each set of options write a ClientHello; every failure is ignored (only a head start). */
  static void contexts(List<ClientSSLOptions> options) {
    TlsEngine engine = new TlsEngine();
    for (ClientSSLOptions o : options) {
      try {
        SslContext context = engine.sslContextFactory().forClient(true).useAlpn(false).enabledCipherSuites(Set.of())
            .trustManagerFactory(o.getTrustOptions().getTrustManagerFactory(null)).create();
        helloOnce(context.newEngine(ByteBufAllocator.DEFAULT, HOST, 443));
        ReferenceCountUtil.release(context);
      } catch (Exception | LinkageError e) {
        // the first connection sets TLS up again, and reports what fails
      }
    }
  }

  /** The JVM's path validation of the throwaway chain, and its host-name parsing. */
  private static void validateOnce() {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      X509Certificate[] chain = factory.generateCertificates(new ByteArrayInputStream(
          CHAIN.getBytes(StandardCharsets.US_ASCII))).toArray(new X509Certificate[0]);
      KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      anchors.setCertificateEntry("warm-up", chain[0]);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(anchors);
      ((X509TrustManager) tmf.getTrustManagers()[0]).checkServerTrusted(new X509Certificate[] {chain[1]},
          "ECDHE_ECDSA");
      new SNIHostName(HOST);
    } catch (Exception | LinkageError e) {
      // only a head start
    }
  }

  /** Has the engine write its ClientHello into memory (nothing is sent), then closes it. */
  private static void helloOnce(SSLEngine engine) throws Exception {
    ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    try {
      engine.beginHandshake();
      engine.wrap(ByteBuffer.allocate(0), out);
    } finally {
      engine.closeOutbound();
      ReferenceCountUtil.release(engine);
    }
  }
}
