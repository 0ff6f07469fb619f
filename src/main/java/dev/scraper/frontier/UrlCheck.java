package dev.scraper.frontier;

import dev.scraper.url.WebUrl;

/** Whether a string is a URL we fetch: absolute, http or https, with a host. Pure; used for config and urlsFile alike. */
public final class UrlCheck {
  private UrlCheck() {
  }

  /** Null when the (trimmed) {@code url} can be fetched, else why not, as a sentence fragment quoting the URL. */
  public static String problem(String url) {
    return WebUrl.problem(url);
  }
}
