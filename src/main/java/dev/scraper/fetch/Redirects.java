package dev.scraper.fetch;

import java.net.URI;
import java.net.URISyntaxException;

/** Redirect rules: which statuses redirect, and how a Location resolves. Pure. */
final class Redirects {
  private Redirects() {
  }

  private static final java.util.regex.Pattern SCHEME =
      java.util.regex.Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9+.-]*):");

  /** The lower-cased scheme a Location names ({@code FTP://x} → {@code ftp}), or null for a relative one. */
  static String scheme(String location) {
    java.util.regex.Matcher m = SCHEME.matcher(location);
    return m.find() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : null;
  }

  static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /**
   * Resolves a Location header against the URL that answered it.
   *
   * @throws IllegalArgumentException when the Location is not a URI reference
   */
  static URI resolve(String base, String location) {
    try {
      URI ref = new URI(location.trim());
      URI from = URI.create(base);
      if (from.getRawPath() == null || from.getRawPath().isEmpty()) {
        from = URI.create(base + "/");
      }
      String resolved = from.resolve(ref).toString();
      int colon = resolved.indexOf(':');
      if (colon > 0) {
        resolved = resolved.substring(0, colon).toLowerCase(java.util.Locale.ROOT) + resolved.substring(colon);
      }
      int hash = resolved.indexOf('#');
      return URI.create(hash < 0 ? resolved : resolved.substring(0, hash));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
