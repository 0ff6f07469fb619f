package dev.scraper.internal;

import java.util.Locale;

/**
 * The politeness key of a URL: scheme, host and port, lower-cased ({@code http://example.com:80}). Pure, and cheap:
 * it scans the string instead of building a {@link java.net.URI}, because it runs on the event loop for every URL.
 */
public final class HostKeys {
  private HostKeys() {
  }

  public static String of(String url) {
    int colon = url.indexOf("://");
    if (colon <= 0) {
      return url;
    }
    String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
    int start = colon + 3;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    String authority = url.substring(start, end);
    int at = authority.lastIndexOf('@');
    String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
    int portSep = hostPort.startsWith("[") ? hostPort.indexOf(':', hostPort.indexOf(']')) : hostPort.lastIndexOf(':');
    String host = portSep >= 0 ? hostPort.substring(0, portSep) : hostPort;
    String port = portSep >= 0 ? hostPort.substring(portSep + 1) : "";
    if (port.isEmpty()) {
      port = scheme.equals("https") ? "443" : "80";
    }
    return scheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + port;
  }
}
