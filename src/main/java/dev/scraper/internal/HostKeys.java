package dev.scraper.internal;

import java.net.URI;
import java.util.Locale;

/** The politeness key of a URL: scheme, host and port, lower-cased ({@code http://example.com:80}). Pure. */
public final class HostKeys {
  private HostKeys() {
  }

  public static String of(String url) {
    try {
      URI u = URI.create(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
      return scheme + "://" + (u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT)) + ":" + port;
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}
