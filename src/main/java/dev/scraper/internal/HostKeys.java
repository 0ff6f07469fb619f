package dev.scraper.internal;

import dev.scraper.url.InvalidUrlException;
import dev.scraper.url.WebUrl;

/** The politeness key of a URL ({@code http://example.com:80}): {@link WebUrl#hostKey()}. */
public final class HostKeys {
  private HostKeys() {
  }

  /** The key of {@code url}; a string that is not a fetchable URL is its own key (it is never fetched anyway). */
  public static String of(String url) {
    try {
      return WebUrl.parse(url).hostKey();
    } catch (InvalidUrlException e) {
      return url;
    }
  }
}
