package dev.scraper.url;

/**
 * RFC 3986 section 5.2.4 on an absolute path held at the end of a builder. Run after escapes are normalised
 * (section 6.2.2's order), so that {@code %2E%2E} counts as {@code ..}, and only when a dot segment is present:
 * most paths have none and are left alone.
 */
final class DotSegments {
  private DotSegments() {
  }

  /** Whether the path {@code p[from..]} (which starts with '/') has a "." or ".." segment. */
  static boolean any(CharSequence p, int from) {
    int n = p.length();
    for (int i = from + 1; i < n; i++) {
      if (p.charAt(i) == '.' && p.charAt(i - 1) == '/') {
        int j = i + 1;
        if (j < n && p.charAt(j) == '.') {
          j++;
        }
        if (j == n || p.charAt(j) == '/') {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Rewrites the path {@code out[from..]} without dot segments: "." is dropped, ".." drops the segment before it
   * (never above the root), and a dot segment at the end leaves a trailing '/' as the RFC does.
   */
  static void remove(StringBuilder out, int from) {
    String path = out.substring(from);
    out.setLength(from);
    int n = path.length();
    int i = 0;
    while (i < n) {
      int j = path.indexOf('/', i + 1);
      if (j < 0) {
        j = n;
      }
      int len = j - i - 1;
      boolean dot = len == 1 && path.charAt(i + 1) == '.';
      boolean dotDot = len == 2 && path.charAt(i + 1) == '.' && path.charAt(i + 2) == '.';
      if (dotDot) {
        int cut = out.lastIndexOf("/");
        out.setLength(Math.max(cut, from)); // a '/' before `from` belongs to "scheme://"
      }
      if (!dot && !dotDot) {
        out.append(path, i, j);
      } else if (j == n) {
        out.append('/');
      }
      i = j;
    }
  }
}
