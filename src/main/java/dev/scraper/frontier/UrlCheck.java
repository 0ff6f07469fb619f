package dev.scraper.frontier;

import java.net.URI;
import java.net.URISyntaxException;

/** Whether a string is a URL we fetch: absolute, http or https, with a host. Pure; used for config and urlsFile alike. */
public final class UrlCheck {
  private UrlCheck() {
  }

  /** Null when the (trimmed) {@code url} can be fetched, else why not, as a sentence fragment quoting the URL. */
  public static String problem(String url) {
    if (url.isEmpty()) {
      return "empty URL; give an http or https URL or remove it";
    }
    String quoted = "'" + url + "'";
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      String at = e.getIndex() >= 0 ? " at index " + e.getIndex() : "";
      return quoted + " is not a valid absolute URL (" + e.getReason() + at + ")";
    }
    if (uri.getScheme() == null) {
      return quoted + " is not a valid absolute URL (no scheme; start it with http:// or https://)";
    }
    if (!uri.getScheme().equalsIgnoreCase("http") && !uri.getScheme().equalsIgnoreCase("https")) {
      return quoted + " is not an http or https URL";
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      String authority = uri.getRawAuthority();
      return authority == null || authority.isEmpty()
          ? quoted + " has no host"
          : quoted + " has no valid host ('" + authority + "' is not a host name)";
    }
    return null;
  }
}
