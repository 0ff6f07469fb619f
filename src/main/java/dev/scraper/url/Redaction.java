package dev.scraper.url;

/**
 * Hides the password of a URL's user information ({@code http://user:pass@host/} → {@code http://user:***@host/})
 * wherever a URL is shown or written: records, the terminal, error messages. Works on any string, URL or not (a
 * line that failed to parse is shown too); a user name alone is kept. Pure.
 */
public final class Redaction {
  private Redaction() {
  }

  /** {@code text} with the password of its user information, if any, replaced by {@code ***}. */
  public static String url(String text) {
    if (text == null) {
      return null;
    }
    int scheme = text.indexOf("://");
    if (scheme < 0) {
      return text;
    }
    int start = scheme + 3;
    int end = start;
    while (end < text.length() && "/?#".indexOf(text.charAt(end)) < 0) {
      end++;
    }
    int at = text.lastIndexOf('@', end - 1);
    if (at < start) {
      return text;
    }
    int colon = text.indexOf(':', start);
    if (colon < 0 || colon > at) {
      return text;
    }
    return text.substring(0, colon + 1) + "***" + text.substring(at);
  }
}
