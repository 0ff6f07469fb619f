package dev.scraper.config;

import java.util.List;

/**
 * Where a job's sitemaps come from: the URLs of its {@code sitemap} key, and, with {@code sitemapFromRobots}, the
 * {@code Sitemap:} lines of the robots.txt of the hosts it names. Every URL the sitemaps list becomes a URL of the
 * run, as if given in {@code urls}.
 *
 * @param urls sitemap or sitemap index URLs, validated absolute http/https URLs as given, in order (may be empty)
 * @param fromRobots also read the sitemaps named by the robots.txt of each host of {@code urls} and {@code sitemap}
 */
public record SitemapSpec(List<String> urls, boolean fromRobots) {
  /** A job without sitemaps. */
  public static final SitemapSpec NONE = new SitemapSpec(List.of(), Defaults.SITEMAP_FROM_ROBOTS);

  public SitemapSpec {
    urls = List.copyOf(urls);
  }

  /** Whether the job reads any sitemap. */
  public boolean any() {
    return !urls.isEmpty() || fromRobots;
  }
}
