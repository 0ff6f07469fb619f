package dev.scraper.config;

/** Checks a URL of the config with the rule every URL source uses; the URL is kept as given (trimmed). */
final class UrlCheck {
  private UrlCheck() {
  }

  /** The trimmed URL, or null when it is not a fetchable URL (the problem recorded at {@code path}). */
  static String check(String given, String path, Problems problems) {
    String url = given.trim();
    String problem = dev.scraper.url.WebUrl.problem(url);
    if (problem != null) {
      problems.add(path, problem);
      return null;
    }
    return url;
  }
}
