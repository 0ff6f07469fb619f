package dev.scraper.fetch;

import java.nio.ByteBuffer;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certificate chains already found trusted for a host, so that the next handshake with the same server skips
 * the JVM's path validation (Java code, a few ms a time under a C1-only JIT) when it presents the very same
 * chain: same bytes, same host name, same trust check. The server still proves in every handshake that it holds
 * the certificate's key (OpenSSL or the JDK verify that); only the verdict on the chain is reused, until the
 * earliest end of validity in the chain or {@link #TTL_MS}, whichever comes first. Looked up from the encoded
 * bytes alone, so OpenSSL's lazily parsed certificates are not parsed on a hit. Bounded; thread-safe.
 */
final class VerifiedChains {
  /** How long a verdict is reused, at most. */
  static final long TTL_MS = 10 * 60_000L;
  /** Chains remembered, at most; the table is emptied when full. */
  static final int MAX = 2048;
  private final Map<Key, Long> until = new ConcurrentHashMap<>();

  private record Key(String host, List<ByteBuffer> certs) {
  }

  /** Whether {@code chain} was found trusted for {@code host} and that verdict still holds. */
  boolean known(X509Certificate[] chain, String host, long nowMs) {
    Key key = key(chain, host);
    Long end = key == null ? null : until.get(key);
    if (end == null) {
      return false;
    }
    if (end <= nowMs) {
      until.remove(key);
      return false;
    }
    return true;
  }

  /** Remembers that {@code chain} (already parsed by the check that trusted it) is trusted for {@code host}. */
  void trusted(X509Certificate[] chain, String host, long nowMs) {
    Key key = key(chain, host);
    if (key == null) {
      return;
    }
    long end = nowMs + TTL_MS;
    for (X509Certificate c : chain) {
      end = Math.min(end, c.getNotAfter().getTime());
    }
    if (until.size() >= MAX) {
      until.clear();
    }
    until.put(key, end);
  }

  private static Key key(X509Certificate[] chain, String host) {
    if (host == null || chain == null || chain.length == 0) {
      return null;
    }
    List<ByteBuffer> certs = new ArrayList<>(chain.length);
    try {
      for (X509Certificate c : chain) {
        certs.add(ByteBuffer.wrap(c.getEncoded()));
      }
    } catch (CertificateEncodingException e) {
      return null;
    }
    return new Key(host, certs);
  }
}
