package dev.scraper.fetch;

import java.net.URI;
import java.net.URISyntaxException;

/** Redirect rules: which statuses redirect, and how a Location resolves. Pure. */
final class Redirects {
  private Redirects() {
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
      int hash = resolved.indexOf('#');
      return URI.create(hash < 0 ? resolved : resolved.substring(0, hash));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
