package dev.scraper.url;

import dev.scraper.url.InvalidUrlException.Reason;

/**
 * The scanner behind {@link WebUrl}: it walks the string once, left to right (RFC 3986 appendix B's split, without
 * the regex), normalising path and query into one builder as it finds them; only the short host is read twice
 * (its end is known only at the end of the authority). Messages are built only on failure.
 */
final class UrlParser {
  private UrlParser() {
  }

  static WebUrl parse(String given) {
    int start = first(given);
    int end = last(given, start);
    if (start == end) {
      throw new InvalidUrlException(Reason.EMPTY, "empty URL; give an http or https URL or remove it");
    }
    int colon = schemeEnd(given, start, end);
    if (colon < 0) {
      throw fail(Reason.NO_SCHEME, given, start, end,
          " is not a valid absolute URL (no scheme; start it with http:// or https://)");
    }
    return afterScheme(given, colon + 1, end, scheme(given, start, colon), start);
  }

  /** RFC 3986 section 5.2.2, non-strict: a reference naming the base's own scheme without "//" is relative. */
  static WebUrl resolve(WebUrl base, String ref) {
    int start = first(ref);
    int end = last(ref, start);
    int i = start;
    int colon = schemeEnd(ref, start, end);
    if (colon >= 0) {
      String scheme = scheme(ref, start, colon);
      if (scheme != base.scheme() || ref.startsWith("//", colon + 1)) {
        return afterScheme(ref, colon + 1, end, scheme, start);
      }
      i = colon + 1;
    }
    if (ref.startsWith("//", i)) {
      return afterScheme(ref, i, end, base.scheme(), start);
    }
    if (i == end || ref.charAt(i) == '#') {
      return base; // same document: the fragment is not part of a WebUrl
    }
    String text = base.toString();
    int pathStart = base.pathStart();
    int basePathEnd = base.queryStart() < 0 ? text.length() : base.queryStart();
    StringBuilder out = new StringBuilder(text.length() + end - i);
    out.append(text, 0, pathStart);
    if (ref.charAt(i) == '?') {
      out.append(text, pathStart, basePathEnd);
    } else {
      if (ref.charAt(i) != '/') {
        out.append(text, pathStart, text.lastIndexOf('/', basePathEnd - 1) + 1); // merge: the base's directory
      }
      i = Escapes.append(out, ref, i, end, Escapes.PATH, '?', '#');
      if (DotSegments.any(out, pathStart)) {
        DotSegments.remove(out, pathStart);
      }
    }
    int query = query(out, ref, i, end);
    return new WebUrl(base, out.toString(), pathStart, query);
  }

  /** Everything after "scheme:" of an absolute URL: "//" authority, path, query; the fragment is ignored. */
  private static WebUrl afterScheme(String s, int i, int end, String scheme, int start) {
    if (scheme == null) {
      throw fail(Reason.SCHEME, s, start, end, " is not an http or https URL");
    }
    if (!s.startsWith("//", i) || i + 2 > end) {
      throw fail(Reason.HOST, s, start, end, " has no host");
    }
    int auth = i + 2;
    int authEnd = auth;
    int at = -1;
    int colon = -1;
    while (authEnd < end) {
      char c = s.charAt(authEnd);
      if (c == '/' || c == '?' || c == '#') {
        break;
      }
      if (c == '@') {
        at = authEnd;
        colon = -1;
      } else if (c == ':') {
        colon = authEnd;
      } else if (c == ']') {
        colon = -1; // the colons of an IPv6 literal are not the port's
      }
      authEnd++;
    }
    StringBuilder out = new StringBuilder(end - start + 8);
    out.append(scheme).append("://");
    String userInfo = null;
    if (at > auth) {
      int mark = out.length();
      Escapes.append(out, s, auth, at, Escapes.USERINFO, Escapes.NONE, Escapes.NONE);
      userInfo = out.substring(mark);
      out.append('@');
    }
    int hostStart = at < 0 ? auth : at + 1;
    String host;
    int hostEnd;
    if (hostStart < authEnd && s.charAt(hostStart) == '[') {
      int close = s.indexOf(']', hostStart);
      if (close < 0 || close >= authEnd) {
        throw fail(Reason.SYNTAX, s, start, end, " has no valid host ('" + s.substring(hostStart, authEnd)
            + "' lacks the ']' that closes an IPv6 address)");
      }
      hostEnd = close + 1;
      if (hostEnd < authEnd && s.charAt(hostEnd) != ':') {
        throw fail(Reason.SYNTAX, s, start, end, " has no valid host ('" + s.substring(hostStart, authEnd)
            + "' has more than a :port after the IPv6 address)");
      }
      String address = Hosts.ipv6(s, hostStart + 1, close);
      if (address == null) {
        throw fail(Reason.HOST, s, start, end, " has no valid host ('" + s.substring(hostStart, hostEnd)
            + "' is not an IPv6 address)");
      }
      host = "[" + address + "]";
    } else {
      hostEnd = colon < 0 ? authEnd : colon;
      if (hostEnd == hostStart) {
        throw fail(Reason.HOST, s, start, end, " has no host");
      }
      host = Hosts.name(s, hostStart, hostEnd);
      if (host == null) {
        char c = Hosts.deviation(s, hostStart, hostEnd);
        throw fail(Reason.HOST, s, start, end, " has no valid host ('" + s.substring(hostStart, hostEnd) + (c == 0
            ? "' is not a host name)"
            : "' has '" + c + "', which IDNA versions convert differently; write the host in punycode)"));
      }
    }
    int defaultPort = scheme == WebUrl.HTTP ? 80 : 443;
    int port = hostEnd + 1 < authEnd ? port(s, hostEnd + 1, authEnd, start, end) : defaultPort;
    out.append(host);
    if (port != defaultPort) {
      out.append(':').append(port);
    }
    int pathStart = out.length();
    int j = Escapes.append(out, s, authEnd, end, Escapes.PATH, '?', '#');
    if (out.length() == pathStart) {
      out.append('/');
    } else if (DotSegments.any(out, pathStart)) {
      DotSegments.remove(out, pathStart);
    }
    int query = query(out, s, j, end);
    return new WebUrl(scheme, userInfo, host, port, out.toString(), pathStart, query);
  }

  /** Appends the query that starts at {@code s[i]} (when that is '?'); its index in {@code out}, or -1 for none. */
  private static int query(StringBuilder out, String s, int i, int end) {
    if (i >= end || s.charAt(i) != '?') {
      return -1;
    }
    int mark = out.length();
    out.append('?');
    Escapes.append(out, s, i + 1, end, Escapes.QUERY, '#', Escapes.NONE);
    if (out.length() == mark + 1) {
      out.setLength(mark); // "?" alone asks for nothing more than no query
      return -1;
    }
    return mark;
  }

  private static int port(String s, int from, int to, int start, int end) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw fail(Reason.PORT, s, start, end, " has a port that is not a number ('" + s.substring(from, to)
            + "'; use 1-65535)");
      }
      value = Math.min(value * 10 + c - '0', 100_000); // capped: a long run of digits must not wrap around
    }
    if (value < 1 || value > 65535) {
      throw fail(Reason.PORT, s, start, end, " has a port out of range (" + s.substring(from, to)
          + "; use 1-65535)");
    }
    return value;
  }

  /** The index of the ':' that ends a scheme (ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )), or -1. */
  private static int schemeEnd(String s, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      boolean alpha = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
      if (c == ':') {
        return i > start ? i : -1;
      }
      if (!alpha && (i == start || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'))) {
        return -1;
      }
    }
    return -1;
  }

  /** {@link WebUrl#HTTP} or {@link WebUrl#HTTPS} (the constants, so == compares), or null for any other scheme. */
  private static String scheme(String s, int start, int colon) {
    int len = colon - start;
    if (len == 4 && s.regionMatches(true, start, WebUrl.HTTP, 0, 4)) {
      return WebUrl.HTTP;
    }
    if (len == 5 && s.regionMatches(true, start, WebUrl.HTTPS, 0, 5)) {
      return WebUrl.HTTPS;
    }
    return null;
  }

  /** Leading and trailing white space and control characters are not part of a URL (as {@link String#trim}). */
  private static int first(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) <= ' ') {
      i++;
    }
    return i;
  }

  private static int last(String s, int start) {
    int end = s.length();
    while (end > start && s.charAt(end - 1) <= ' ') {
      end--;
    }
    return end;
  }

  private static InvalidUrlException fail(Reason reason, String s, int start, int end, String what) {
    return new InvalidUrlException(reason, "'" + s.substring(start, end) + "'" + what);
  }
}
