package dev.scraper.fetch;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redirect rules: which statuses redirect, which scheme a Location names, and how a Location resolves against the
 * URL that answered it (RFC 3986 section 5.2, which {@code java.net.URI.resolve} does not follow for query-only and
 * dot-segment references). Pure.
 */
final class Redirects {
  private static final Pattern SCHEME = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9+.-]*):");
  /** RFC 3986 appendix B: scheme, authority, path, query (fragment dropped). */
  private static final Pattern PARTS =
      Pattern.compile("^(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\\?([^#]*))?(?:#.*)?$", Pattern.DOTALL);

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
   * Resolves a Location header against the URL that answered it; the scheme comes out lower-cased and the
   * fragment dropped.
   *
   * @throws IllegalArgumentException when the result is not a valid URI
   */
  static URI resolve(String base, String location) {
    Matcher b = PARTS.matcher(base);
    Matcher r = PARTS.matcher(location.strip());
    if (!b.matches() || !r.matches()) {
      throw new IllegalArgumentException("not a URI reference: " + location);
    }
    String scheme;
    String authority;
    String path;
    String query;
    if (r.group(1) != null) {
      scheme = r.group(1);
      authority = r.group(2);
      path = removeDots(r.group(3));
      query = r.group(4);
    } else {
      scheme = b.group(1);
      if (r.group(2) != null) {
        authority = r.group(2);
        path = removeDots(r.group(3));
        query = r.group(4);
      } else {
        authority = b.group(2);
        if (r.group(3).isEmpty()) {
          path = b.group(3);
          query = r.group(4) != null ? r.group(4) : b.group(4);
        } else {
          path = removeDots(r.group(3).startsWith("/") ? r.group(3) : merge(b.group(2), b.group(3), r.group(3)));
          query = r.group(4);
        }
      }
    }
    StringBuilder out = new StringBuilder();
    if (scheme != null) {
      out.append(scheme.toLowerCase(Locale.ROOT)).append(':');
    }
    if (authority != null) {
      out.append("//").append(authority);
    }
    out.append(path);
    if (query != null) {
      out.append('?').append(query);
    }
    try {
      return new URI(out.toString());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** RFC 3986 5.2.3. */
  private static String merge(String baseAuthority, String basePath, String ref) {
    if (baseAuthority != null && basePath.isEmpty()) {
      return "/" + ref;
    }
    int slash = basePath.lastIndexOf('/');
    return slash < 0 ? ref : basePath.substring(0, slash + 1) + ref;
  }

  /** RFC 3986 5.2.4. */
  static String removeDots(String path) {
    StringBuilder in = new StringBuilder(path);
    StringBuilder out = new StringBuilder();
    while (in.length() > 0) {
      String s = in.toString();
      if (s.startsWith("../")) {
        in.delete(0, 3);
      } else if (s.startsWith("./")) {
        in.delete(0, 2);
      } else if (s.startsWith("/./")) {
        in.delete(0, 2);
      } else if (s.equals("/.")) {
        in.replace(0, 2, "/");
      } else if (s.startsWith("/../")) {
        in.delete(0, 3);
        dropLastSegment(out);
      } else if (s.equals("/..")) {
        in.replace(0, 3, "/");
        dropLastSegment(out);
      } else if (s.equals(".") || s.equals("..")) {
        in.setLength(0);
      } else {
        int next = s.indexOf('/', s.startsWith("/") ? 1 : 0);
        int end = next < 0 ? s.length() : next;
        out.append(s, 0, end);
        in.delete(0, end);
      }
    }
    return out.toString();
  }

  private static void dropLastSegment(StringBuilder out) {
    int slash = out.lastIndexOf("/");
    out.setLength(Math.max(0, slash));
  }
}
