package dev.scraper.url;

import java.util.Locale;

/** The host (and port, when given) of an absolute URL as a label: lower case, without user info. */
public final class Authority {
  private Authority() {
  }

  /** {@code url}'s host and port ({@code h.example:8443}), or {@code none} when it has none (not a URL, no host). */
  public static String of(String url, String none) {
    if (url == null) {
      return none;
    }
    int start = url.indexOf("://");
    if (start < 0) {
      return none;
    }
    start += 3;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    String authority = url.substring(start, end);
    String host = authority.substring(authority.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    return host.isEmpty() ? none : host;
  }
}
