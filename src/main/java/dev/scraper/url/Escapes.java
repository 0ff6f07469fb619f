package dev.scraper.url;

/**
 * Percent-encoding normalisation of one component, in the same pass that finds where the component ends. Two
 * spellings of one URL must give one string (the duplicate key), and the result must be a valid URI for any HTTP
 * client, so escapes are made canonical and whatever RFC 3986 does not allow in the component is encoded.
 */
final class Escapes {
  static final int USERINFO = 1;
  static final int PATH = 2;
  static final int QUERY = 4;
  /** No stop character: the component ends at the given bound. */
  static final int NONE = -1;

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  /** Per ASCII character, the components (bit set) it may stand in unencoded. */
  private static final byte[] ALLOWED = new byte[128];
  /** ALPHA DIGIT - . _ ~: an escape of one of these means the character itself (RFC 3986 section 2.3). */
  private static final boolean[] UNRESERVED = new boolean[128];

  static {
    for (int c = 0; c < 128; c++) {
      UNRESERVED[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0;
      if (UNRESERVED[c] || "!$&'()*+,;=:".indexOf(c) >= 0) {
        ALLOWED[c] = USERINFO | PATH | QUERY;
      }
    }
    ALLOWED['@'] = PATH | QUERY;
    ALLOWED['/'] = PATH | QUERY;
    ALLOWED['?'] = QUERY;
  }

  private Escapes() {
  }

  /**
   * Appends {@code s[from, to)} normalised for {@code component} up to the first {@code stopA} or {@code stopB}
   * (or {@link #NONE}) and returns the index it stopped at. Stop characters are ASCII delimiters, never hex digits,
   * so an escape cannot straddle one.
   */
  static int append(StringBuilder out, String s, int from, int to, int component, int stopA, int stopB) {
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (c == stopA || c == stopB) {
        return i;
      }
      if (c == '%') {
        int hi = i + 2 < to ? hex(s.charAt(i + 1)) : -1;
        int lo = hi >= 0 ? hex(s.charAt(i + 2)) : -1;
        if (lo < 0) {
          out.append("%25"); // a lone '%' means itself
          i++;
          continue;
        }
        int b = hi << 4 | lo;
        if (b < 128 && UNRESERVED[b]) {
          out.append((char) b);
        } else {
          out.append('%').append(HEX[hi]).append(HEX[lo]);
        }
        i += 3;
      } else if (c < 128) {
        if ((ALLOWED[c] & component) != 0) {
          out.append(c);
        } else {
          escape(out, c);
        }
        i++;
      } else {
        int cp = c;
        if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
          cp = Character.toCodePoint(c, s.charAt(i + 1));
          i++;
        } else if (Character.isSurrogate(c)) {
          cp = 0xFFFD; // half a pair has no UTF-8 form: the replacement character, as browsers send
        }
        utf8(out, cp);
        i++;
      }
    }
    return i;
  }

  private static void utf8(StringBuilder out, int cp) {
    if (cp < 0x800) {
      escape(out, 0xC0 | cp >> 6);
    } else if (cp < 0x10000) {
      escape(out, 0xE0 | cp >> 12);
      escape(out, 0x80 | cp >> 6 & 0x3F);
    } else {
      escape(out, 0xF0 | cp >> 18);
      escape(out, 0x80 | cp >> 12 & 0x3F);
      escape(out, 0x80 | cp >> 6 & 0x3F);
    }
    escape(out, 0x80 | cp & 0x3F);
  }

  private static void escape(StringBuilder out, int b) {
    out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
  }

  /** The value of a hex digit, or -1. */
  static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }
}
