package dev.scraper.fetch;

import dev.scraper.url.WebUrl;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Basic auth from a URL's user information ({@code http://user:pass@host/}): sent to that URL's host only, as curl
 * does. A redirect to the same host (scheme, host and port) keeps it; a redirect anywhere else never sees it,
 * unless the Location carries user information of its own. Pure.
 */
final class Credentials {
  private Credentials() {
  }

  /** The Authorization header for a request to {@code target} of a fetch that began at {@code first}, or null. */
  static String forRequest(WebUrl first, WebUrl target) {
    if (target.userInfo() != null) {
      return basic(target.userInfo());
    }
    if (first.userInfo() != null && first.hostKey().equals(target.hostKey())) {
      return basic(first.userInfo());
    }
    return null;
  }

  /** {@code Basic base64(user:password)} of percent-encoded user information. */
  static String basic(String userInfo) {
    return "Basic " + Base64.getEncoder().encodeToString(percentDecoded(userInfo));
  }

  private static byte[] percentDecoded(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
          && Character.digit(s.charAt(i + 2), 16) >= 0) {
        out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
        i += 2;
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toByteArray();
  }
}
