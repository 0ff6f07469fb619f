package dev.scraper.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Parses a proxy URL: {@code http://host:port} or {@code socks5://host:port}, with optional {@code user:pass@}
 * (percent-escapes decoded). By hand rather than with {@link java.net.URI}, whose messages repeat the input: every
 * message here shows the URL with its password masked.
 */
final class ProxyUrl {
  private static final String SCHEMES = "use http://host:port or socks5://host:port";

  private ProxyUrl() {
  }

  /** The proxy, or an IllegalArgumentException whose message says what is wrong (password masked). */
  static ProxySpec parse(String url) {
    int sep = url.indexOf("://");
    if (sep < 0) {
      throw new IllegalArgumentException("'" + masked(url) + "' is not a proxy URL; " + SCHEMES);
    }
    String scheme = url.substring(0, sep).toLowerCase(Locale.ROOT);
    String shown = masked(url);
    if (scheme.equals("https")) {
      throw new IllegalArgumentException("'" + shown + "': https proxies are not supported; use http:// (https"
          + " sites stay encrypted end to end through CONNECT) or socks5://");
    }
    if (!scheme.equals("http") && !scheme.equals("socks5")) {
      throw new IllegalArgumentException("'" + shown + "' has the scheme '" + scheme + "'; " + SCHEMES);
    }
    String rest = url.substring(sep + 3);
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      if (!rest.substring(slash).equals("/")) {
        throw new IllegalArgumentException("'" + shown + "' has a path; give only the scheme, host and port");
      }
      rest = rest.substring(0, slash);
    }
    int at = rest.lastIndexOf('@');
    String user = null;
    String password = null;
    if (at >= 0) {
      String info = rest.substring(0, at);
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon), shown);
      password = colon < 0 ? "" : decode(info.substring(colon + 1), shown);
      if (user.isEmpty()) {
        throw new IllegalArgumentException("'" + shown + "' has an empty user name; give user:password@ or none");
      }
      rest = rest.substring(at + 1);
    }
    String example = scheme.equals("socks5") ? "socks5://127.0.0.1:1080" : "http://127.0.0.1:3128";
    return new ProxySpec(scheme, host(rest, shown, example), port(rest, shown, example), user, password);
  }

  private static String host(String hostPort, String shown, String example) {
    String host;
    if (hostPort.startsWith("[")) {
      int end = hostPort.indexOf(']');
      host = end < 0 ? "" : hostPort.substring(1, end);
    } else {
      int colon = hostPort.lastIndexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
    }
    if (host.isEmpty() || !host.matches("[A-Za-z0-9._:-]+")) {
      throw new IllegalArgumentException("'" + shown + "' has " + (host.isEmpty() ? "no host" : "no valid host")
          + "; give one, such as " + example);
    }
    return host.toLowerCase(Locale.ROOT);
  }

  private static int port(String hostPort, String shown, String example) {
    int close = hostPort.lastIndexOf(']');
    int colon = hostPort.lastIndexOf(':');
    if (colon < 0 || colon < close) {
      throw new IllegalArgumentException("'" + shown + "' has no port; give one, such as " + example);
    }
    String digits = hostPort.substring(colon + 1);
    int port = digits.matches("[0-9]{1,5}") ? Integer.parseInt(digits) : -1;
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("'" + shown + "' has the port '" + digits + "'; give a port from 1 to 65535");
    }
    return port;
  }

  private static String decode(String s, String shown) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + shown + "' has a bad %-escape in its credentials");
    }
  }

  /** The URL with whatever stands between the user's ':' and the last '@' replaced by ***. */
  static String masked(String url) {
    int sep = url.indexOf("://");
    int start = sep < 0 ? 0 : sep + 3;
    int at = url.lastIndexOf('@');
    if (at < start) {
      return url;
    }
    int colon = url.indexOf(':', start);
    return colon < 0 || colon > at ? url : url.substring(0, colon + 1) + "***" + url.substring(at);
  }
}
