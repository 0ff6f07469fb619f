package dev.scraper.api;

import java.util.HashSet;
import java.util.Set;

/**
 * The host label of a URL on /metrics, with a bounded number of values: the first {@code max} hosts seen get a label
 * of their own and every later one is {@code other}. A label, once given, is never taken back (a Prometheus series
 * that moved between labels would count twice); for the usual monitor, whose hosts all appear in its first run,
 * these are its hosts. Event-loop owned.
 */
final class HostLabels {
  static final String OTHER = "other";
  private final int max;
  private final Set<String> own = new HashSet<>();

  HostLabels(int max) {
    this.max = max;
  }

  String of(String url) {
    String host = host(url);
    if (own.contains(host)) {
      return host;
    }
    if (own.size() < max && !host.equals(OTHER)) {
      own.add(host);
      return host;
    }
    return OTHER;
  }

  /** The host (and port, when given) of an absolute URL, lower case; "other" when there is none. */
  static String host(String url) {
    if (url == null) {
      return OTHER;
    }
    int start = url.indexOf("://");
    if (start < 0) {
      return OTHER;
    }
    start += 3;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    String authority = url.substring(start, end);
    int at = authority.lastIndexOf('@');
    String host = authority.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
    return host.isEmpty() ? OTHER : host;
  }
}
