package dev.scraper.url;

import java.net.IDN;
import java.util.Locale;

/**
 * Host names and IPv6 literals in the one form used for keys and requests: lower-case ASCII (IDN labels as
 * punycode, since DNS and the politeness key know only those) and IPv6 in RFC 5952's shortest form, so that two
 * spellings of one server share one queue.
 */
final class Hosts {
  private Hosts() {
  }

  /**
   * The host name {@code s[from, to)} lower-cased and, when it has a non-ASCII character, converted by IDNA; null
   * when it is not a host name. Letters, digits, '-' and '.' only: an underscore is refused, as {@link java.net.URI}
   * refused it when it checked our URLs (RFC 1123 host names have none). Empty labels are refused, except one
   * trailing '.' (a fully qualified name, kept: some servers take it for another virtual host).
   */
  static String name(String s, int from, int to) {
    boolean ascii = true;
    boolean lower = true;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        lower = false;
      } else if (c >= 0x80) {
        ascii = false;
      } else if (!isLdh(c)) {
        return null;
      }
    }
    String host = s.substring(from, to);
    if (!ascii) {
      if (deviation(s, from, to) != 0) {
        return null;
      }
      try {
        host = IDN.toASCII(host); // maps the ideographic full stops to '.'; lower-cases only the non-ASCII labels
      } catch (IllegalArgumentException e) {
        return null;
      }
      for (int i = 0; i < host.length(); i++) {
        char c = host.charAt(i);
        if (!isLdh(c) && !(c >= 'A' && c <= 'Z')) {
          return null;
        }
      }
      lower = false;
    }
    if (!lower) {
      host = host.toLowerCase(Locale.ROOT);
    }
    return host.isEmpty() || host.charAt(0) == '.' || host.contains("..") ? null : host;
  }

  /**
   * The first character of {@code s[from, to)} that {@link IDN} (IDNA 2003) turns into another name than browsers
   * (IDNA 2008, UTS 46 non-transitional) do, or 0: {@code straße.de} would become {@code strasse.de}, another
   * domain with perhaps another owner, so such a host is refused rather than fetched from the wrong server.
   */
  static char deviation(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '\u00DF' || c == '\u1E9E' || c == '\u03C2' || c == '\u200C' || c == '\u200D') {
        return c;
      }
    }
    return 0;
  }

  private static boolean isLdh(char c) {
    return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.';
  }

  /**
   * The IPv6 address {@code s[from, to)} (between the brackets) in RFC 5952 form: lower-case hex without leading
   * zeros, the longest run of two or more zero groups (the first of equal runs) as "::", an embedded IPv4 tail as
   * hex like browsers write it. Null when it is not an IPv6 address; a zone ("%25eth0") is refused, it names an
   * interface of the machine that wrote the URL.
   */
  static String ipv6(String s, int from, int to) {
    int[] groups = new int[8];
    int n = 0;
    int gap = -1;
    int i = from;
    if (i + 1 < to && s.charAt(i) == ':' && s.charAt(i + 1) == ':') {
      gap = 0;
      i += 2;
    }
    while (i < to) {
      if (n == 8) {
        return null;
      }
      int start = i;
      int v = 0;
      while (i < to && i - start < 4 && Escapes.hex(s.charAt(i)) >= 0) {
        v = v << 4 | Escapes.hex(s.charAt(i++));
      }
      if (i < to && s.charAt(i) == '.') {
        long v4 = ipv4(s, start, to);
        if (v4 < 0 || n > 6) {
          return null;
        }
        groups[n++] = (int) (v4 >>> 16);
        groups[n++] = (int) (v4 & 0xFFFF);
        break;
      }
      if (i == start) {
        return null;
      }
      groups[n++] = v;
      if (i == to) {
        break;
      }
      if (s.charAt(i++) != ':' || i == to) {
        return null;
      }
      if (s.charAt(i) == ':') {
        if (gap >= 0) {
          return null;
        }
        gap = n;
        i++;
      }
    }
    if (gap < 0 ? n != 8 : n == 8) {
      return null;
    }
    int[] full = new int[8];
    int tail = gap < 0 ? 0 : n - gap;
    System.arraycopy(groups, 0, full, 0, n - tail);
    System.arraycopy(groups, n - tail, full, 8 - tail, tail);
    return format(full);
  }

  private static String format(int[] g) {
    int best = -1;
    int bestLen = 1;
    for (int k = 0; k < 8; k++) {
      int len = 0;
      while (k + len < 8 && g[k + len] == 0) {
        len++;
      }
      if (len > bestLen) {
        best = k;
        bestLen = len;
      }
    }
    StringBuilder b = new StringBuilder(39);
    for (int k = 0; k < 8; k++) {
      if (k == best) {
        b.append("::");
        k += bestLen - 1;
        continue;
      }
      if (k > 0 && k != best + bestLen) {
        b.append(':');
      }
      b.append(Integer.toHexString(g[k]));
    }
    return b.toString();
  }

  /** The dotted IPv4 address {@code s[from, to)} as 32 bits, or -1: four decimal parts 0-255. */
  private static long ipv4(String s, int from, int to) {
    long value = 0;
    int parts = 0;
    int i = from;
    while (i < to) {
      int start = i;
      int part = 0;
      while (i < to && i - start < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        part = part * 10 + s.charAt(i++) - '0';
      }
      if (i == start || part > 255 || ++parts > 4) {
        return -1;
      }
      value = value << 8 | part;
      if (i < to && (s.charAt(i++) != '.' || i == to)) {
        return -1;
      }
    }
    return parts == 4 ? value : -1;
  }
}
