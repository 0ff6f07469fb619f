package dev.scraper.frontier;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Whether a string is a URL we fetch: absolute, http or https, with a host. Pure. */
public final class UrlCheck {
  private UrlCheck() {
  }

  /** Null when {@code url} can be fetched, else why not (a sentence fragment naming the URL). */
  public static String problem(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "'" + url + "' is not a valid absolute URL (" + e.getReason() + ")";
    }
    String scheme = uri.getScheme();
    if (scheme == null) {
      return "'" + url + "' is not a valid absolute URL (no scheme)";
    }
    scheme = scheme.toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "'" + url + "' is not an http or https URL";
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return "'" + url + "' has no host";
    }
    return null;
  }
}
