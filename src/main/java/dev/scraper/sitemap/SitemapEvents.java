package dev.scraper.sitemap;

/**
 * What a run hears about its sitemaps as {@link SitemapSource} reads them, on the event loop: each for the terminal
 * or the summary. Sitemaps are named as shown to people (a password as {@code ***}).
 */
public interface SitemapEvents {
  /** A document was read: {@code urls} URLs (or sitemaps, for an index) taken from it. */
  void read(String sitemap, int urls, boolean index);

  /** A sitemap could not be read (once per sitemap); {@code kind} is an error type or {@code invalid-sitemap}. */
  void failed(String sitemap, String kind, String message);

  /** A sitemap an index lists again (a loop, or one already read) was skipped. */
  void repeated(String sitemap);

  /** Something was dropped: URLs past the cap, indexes nested too deep, no Sitemap: line in robots.txt. */
  void warning(String message);
}
