package dev.scraper.config;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/** Reads a job's {@code sitemap} (one URL or an array of them) and {@code sitemapFromRobots}. */
final class SitemapReader {
  static final String EXAMPLE = "\"http://127.0.0.1:8080/sitemap.xml\"";

  private SitemapReader() {
  }

  /** The sitemap URLs at {@code path}, trimmed, in order; null when invalid (each problem recorded). */
  static List<String> urls(Object value, String path, Problems problems) {
    if (value instanceof String s) {
      String url = UrlCheck.check(s, path, problems);
      return url == null ? null : List.of(url);
    }
    if (!(value instanceof JsonArray array)) {
      problems.add(path, "must be a sitemap URL such as " + EXAMPLE + " or an array of them, got "
          + Values.show(value));
      return null;
    }
    List<String> urls = new ArrayList<>();
    int before = problems.size();
    for (int i = 0; i < array.size(); i++) {
      String elementPath = Values.element(path, i);
      String given = Values.string(array.getValue(i), elementPath, problems);
      String url = given == null ? null : UrlCheck.check(given, elementPath, problems);
      if (url != null) {
        urls.add(url);
      }
    }
    return problems.size() == before ? urls : null;
  }

  /**
   * The job's sitemaps, once its keys are read; null (the problem recorded) when {@code sitemapFromRobots} has no
   * host to ask.
   *
   * @param fromRobots the value of {@code sitemapFromRobots}, or null when absent
   * @param hasUrls the job has inline {@code urls}
   */
  static SitemapSpec spec(List<String> urls, Boolean fromRobots, boolean hasUrls, String jobPath,
                          Problems problems) {
    boolean robots = fromRobots == null ? Defaults.SITEMAP_FROM_ROBOTS : fromRobots;
    if (robots && urls.isEmpty() && !hasUrls) {
      problems.add(Values.child(jobPath, "sitemapFromRobots"), "reads the robots.txt of the hosts of \"urls\" and "
          + "\"sitemap\", and this job has neither; give one of them, such as \"sitemap\": " + EXAMPLE);
      return null;
    }
    return urls.isEmpty() && !robots ? SitemapSpec.NONE : new SitemapSpec(urls, robots);
  }
}
