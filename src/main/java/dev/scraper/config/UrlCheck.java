package dev.scraper.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Checks that a URL from the config is an absolute http or https URL with a host. The URL is kept as given
 * (trimmed); nothing is normalised.
 */
final class UrlCheck {
  private UrlCheck() {
  }

  /** The trimmed URL, or null when it is not a fetchable URL (the problem recorded). */
  static String check(String given, String path, Problems problems) {
    String url = given.trim();
    if (url.isEmpty()) {
      problems.add(path, "empty URL; give an http or https URL or remove it");
      return null;
    }
    String quoted = "'" + url + "'";
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      String at = e.getIndex() >= 0 ? " at index " + e.getIndex() : "";
      problems.add(path, quoted + " is not a valid absolute URL (" + e.getReason() + at + ")");
      return null;
    }
    if (uri.getScheme() == null) {
      problems.add(path, quoted + " is not a valid absolute URL (no scheme; start it with http:// or https://)");
      return null;
    }
    if (!uri.getScheme().equalsIgnoreCase("http") && !uri.getScheme().equalsIgnoreCase("https")) {
      problems.add(path, quoted + " is not an http or https URL");
      return null;
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      String authority = uri.getRawAuthority();
      problems.add(path, authority == null || authority.isEmpty()
          ? quoted + " has no host"
          : quoted + " has no valid host ('" + authority + "' is not a host name)");
      return null;
    }
    return url;
  }
}
