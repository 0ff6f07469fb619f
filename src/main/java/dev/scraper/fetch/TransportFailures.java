package dev.scraper.fetch;

import dev.scraper.record.ErrorType;
import java.security.cert.CertificateException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Words for the failures of the transport under HTTP: the TLS handshake (a certificate refused, with its reason
 * from {@link TlsReasons}; no protocol or cipher in common; a server that does not speak TLS) and the proxy (its
 * refusal, a wrong password, a target it cannot reach). Pure: no I/O.
 */
final class TransportFailures {
  private static final String PROXY_EXCEPTION = "io.netty.handler.proxy.ProxyConnectException";
  private static final String HANDSHAKE = "TLS handshake failed: ";

  private TransportFailures() {
  }

  /** The error for a chain of causes (outermost first) when one of them is about TLS or the proxy; else null. */
  static FetchError classify(List<Throwable> chain) {
    for (Throwable c : chain) {
      if (c instanceof TrustCheck.TlsRefusal) {
        return new FetchError(ErrorType.TLS, c.getMessage());
      }
    }
    for (Throwable c : chain) {
      if (isProxy(c)) {
        return proxy(c.getMessage());
      }
    }
    for (Throwable c : chain) {
      if (c instanceof CertificateException) {
        return new FetchError(ErrorType.TLS, TlsReasons.reason(c, null, null, Instant.now()));
      }
    }
    SSLException ssl = null;
    StringBuilder text = new StringBuilder();
    for (Throwable c : chain) {
      if (c instanceof SSLException s) {
        ssl = s;
      }
      text.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append('\n');
    }
    return ssl == null ? null : new FetchError(ErrorType.TLS, handshake(text.toString(), ssl));
  }

  private static boolean isProxy(Throwable c) {
    for (Class<?> k = c.getClass(); k != null; k = k.getSuperclass()) {
      if (k.getName().equals(PROXY_EXCEPTION)) {
        return true;
      }
    }
    return false;
  }

  private static String handshake(String all, SSLException innermost) {
    String upper = all.toUpperCase(Locale.ROOT);
    if (upper.contains("WRONG_VERSION_NUMBER") || upper.contains("NOT AN SSL/TLS RECORD")
        || upper.contains("UNSUPPORTED OR UNRECOGNIZED SSL MESSAGE") || upper.contains("PLAINTEXT CONNECTION")) {
      return HANDSHAKE + "the server does not speak TLS on this port (a plain http server on an https URL?)";
    }
    if (upper.contains("PROTOCOL_VERSION") || upper.contains("UNSUPPORTED_PROTOCOL")
        || upper.contains("NO APPROPRIATE PROTOCOL")) {
      return HANDSHAKE + "no TLS version in common with the server (we offer TLS 1.2 and 1.3)";
    }
    if (upper.contains("HANDSHAKE_FAILURE") || upper.contains("NO_SHARED_CIPHER") || upper.contains("NO CIPHER")
        || upper.contains("NO_CIPHERS_AVAILABLE") || upper.contains("INSUFFICIENT_SECURITY")) {
      return HANDSHAKE + "the server refused it (no cipher suite or key exchange in common)";
    }
    if (upper.contains("HANDSHAKETIMEOUT") || upper.contains("HANDSHAKE TIMED OUT")) {
      return HANDSHAKE + "the server did not complete it in time";
    }
    if (upper.contains("CERTIFICATE_VERIFY_FAILED") || upper.contains("BAD_CERTIFICATE")) {
      return "certificate refused";
    }
    if (upper.contains("CLOSED") || upper.contains("EOF") || upper.contains("RESET")) {
      return HANDSHAKE + "the server closed the connection during the handshake";
    }
    String m = innermost.getMessage() == null ? innermost.getClass().getSimpleName() : innermost.getMessage();
    return HANDSHAKE + m.replaceFirst("^error:[0-9a-fA-F]+:[^:]*:[^:]*:", "");
  }

  /** netty's message: "http, basic, /127.0.0.1:3128 => 127.0.0.1:8443, status: 407 ..." (no password in it). */
  private static FetchError proxy(String message) {
    String m = message == null ? "" : message;
    int arrow = m.indexOf(" => ");
    int comma = arrow < 0 ? -1 : m.indexOf(", ", arrow);
    String target = arrow < 0 ? "the site" : m.substring(arrow + 4, comma < 0 ? m.length() : comma);
    String what = comma < 0 ? "" : m.substring(comma + 2);
    if (what.startsWith("status: 407")) {
      return new FetchError(ErrorType.CONNECT, "proxy refused the request: it wants credentials, or refused those"
          + " given (" + what.substring(8) + ")");
    }
    if (what.startsWith("authStatus") || what.startsWith("privateAuthStatus")) {
      return new FetchError(ErrorType.CONNECT, "proxy refused the user name or password (SOCKS5 " + what + ")");
    }
    if (what.startsWith("unexpected authMethod")) {
      return new FetchError(ErrorType.CONNECT, "proxy wants an authentication method we did not offer (SOCKS5 "
          + what + "); give the proxy's user name and password in the proxy URL");
    }
    if (what.startsWith("status: ")) {
      return new FetchError(ErrorType.CONNECT, "proxy could not open a connection to " + target + " ("
          + what.substring(8) + ")", true);
    }
    if (what.equals("timeout")) {
      return new FetchError(ErrorType.CONNECT, "proxy did not set up the connection to " + target + " in time", true);
    }
    if (what.equals("disconnected")) {
      return new FetchError(ErrorType.CONNECT, "proxy closed the connection before it was set up", true);
    }
    return new FetchError(ErrorType.CONNECT, "proxy failed: " + (what.isEmpty() ? m : what), true);
  }
}
