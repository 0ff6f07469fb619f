package dev.scraper.fetch;

import dev.scraper.config.FetchPolicy;
import dev.scraper.record.ErrorType;
import dev.scraper.url.InvalidUrlException;
import dev.scraper.url.Redaction;
import dev.scraper.url.WebUrl;
import java.util.Locale;
import java.util.Set;

/**
 * The redirect phase: which answers redirect, and where a redirect may lead. The Location is resolved against the
 * URL that answered it by the one URL normaliser ({@link WebUrl#resolve}); a scheme other than http or https is
 * refused before the Location is even parsed, a loop or one hop too many ends the URL. Pure.
 */
final class RedirectStep {
  private RedirectStep() {
  }

  static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /**
   * The next hop after a redirect answer.
   *
   * @param redirects hops already followed in this attempt
   * @param visited the URLs of this attempt's hops so far; the next one is added
   * @throws FetchError too-many-redirects (too many, a loop, an unusable Location) or redirect-scheme
   */
  static WebUrl next(WebUrl current, int status, String location, int redirects, Set<String> visited,
                     FetchPolicy policy) {
    if (redirects >= policy.maxRedirects()) {
      throw new FetchError(ErrorType.TOO_MANY_REDIRECTS,
          "still redirected (" + status + ") after maxRedirects=" + policy.maxRedirects());
    }
    String given = scheme(location);
    if (given != null && !given.equals("http") && !given.equals("https")) {
      throw new FetchError(ErrorType.REDIRECT_SCHEME,
          "redirect to a " + given + ": URL refused; only http and https are followed");
    }
    WebUrl next;
    try {
      next = current.resolve(location);
    } catch (InvalidUrlException e) {
      if (e.reason() == InvalidUrlException.Reason.SCHEME) {
        throw new FetchError(ErrorType.REDIRECT_SCHEME, "redirect to '" + Redaction.url(location)
            + "' refused; only http and https are followed");
      }
      throw new FetchError(ErrorType.TOO_MANY_REDIRECTS, "unusable Location '" + Redaction.url(location) + "': "
          + Redaction.url(e.getMessage()));
    }
    if (!visited.add(next.toString())) {
      throw new FetchError(ErrorType.TOO_MANY_REDIRECTS, "redirect loop back to " + next.shown());
    }
    return next;
  }

  /** The lower-cased scheme a Location names ({@code FTP://x} → {@code ftp}), or null for a relative one. */
  static String scheme(String location) {
    int i = 0;
    int n = location.length();
    while (i < n && Character.isWhitespace(location.charAt(i))) {
      i++;
    }
    int start = i;
    if (i >= n || !isAsciiLetter(location.charAt(i))) {
      return null;
    }
    while (i < n) {
      char c = location.charAt(i);
      if (c == ':') {
        return location.substring(start, i).toLowerCase(Locale.ROOT);
      }
      if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
        return null;
      }
      i++;
    }
    return null;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
