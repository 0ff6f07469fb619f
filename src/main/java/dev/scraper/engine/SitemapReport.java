package dev.scraper.engine;

import dev.scraper.sitemap.SitemapEvents;
import dev.scraper.metrics.SitemapCounts;

/**
 * A run's sitemaps on the terminal and in its summary: each sitemap that cannot be read, and each thing dropped, on
 * a line of its own (once: a sitemap is fetched once per run); every document counted. Event-loop owned.
 */
final class SitemapReport implements SitemapEvents {
  private final String job;
  private final RunListener listener;
  private SitemapCounts counts = new SitemapCounts();

  SitemapReport(String job, RunListener listener) {
    this.job = job;
    this.listener = listener;
  }

  /** Counts into the run's own counters from now on (the run is made after its source). */
  void countInto(SitemapCounts counts) {
    this.counts = counts;
    counts.use();
  }

  @Override
  public void read(String sitemap, int urls, boolean index) {
    counts.addRead(urls, index);
  }

  @Override
  public void failed(String sitemap, String kind, String message) {
    counts.addFailure(kind);
    listener.problem("scraper: job " + job + ": sitemap " + sitemap + " not read (" + kind + "): " + message);
  }

  @Override
  public void repeated(String sitemap) {
    counts.addRepeat();
  }

  @Override
  public void warning(String message) {
    listener.problem("scraper: job " + job + ": " + message);
  }
}
