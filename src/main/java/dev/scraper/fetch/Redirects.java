package dev.scraper.fetch;

import dev.scraper.url.WebUrl;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redirect rules: which statuses redirect, which scheme a Location names, and how a Location resolves against the
 * URL that answered it ({@link WebUrl#resolve}). Pure.
 */
final class Redirects {
  private static final Pattern SCHEME = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9+.-]*):");

  private Redirects() {
  }

  /** The lower-cased scheme a Location names ({@code FTP://x} → {@code ftp}), or null for a relative one. */
  static String scheme(String location) {
    Matcher m = SCHEME.matcher(location);
    return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
  }

  static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /**
   * Resolves a Location header against the URL that answered it, normalised by {@link WebUrl} (RFC 3986 section
   * 5.2; the fragment dropped).
   *
   * @throws IllegalArgumentException (an {@link dev.scraper.url.InvalidUrlException}) when the result cannot be
   *     fetched
   */
  static URI resolve(String base, String location) {
    return URI.create(WebUrl.parse(base).resolve(location).toString());
  }
}
