package dev.scraper.engine;

import dev.scraper.config.JobSpec;
import dev.scraper.frontier.ConcatSource;
import dev.scraper.frontier.FileSource;
import dev.scraper.frontier.ListSource;
import dev.scraper.frontier.UrlSource;
import dev.scraper.sitemap.SitemapEvents;
import dev.scraper.sitemap.SitemapFetch;
import dev.scraper.sitemap.SitemapSource;
import io.vertx.core.Vertx;

/**
 * The URL source of a job: its inline {@code urls}, then the URLs its sitemaps list, then its {@code urlsFile} (or
 * stdin) read as a stream. Sitemaps come before the file because they end, and a pipe may not.
 */
final class UrlSources {
  private UrlSources() {
  }

  /**
   * @param sitemaps how the job's sitemaps are fetched (used only when it has some)
   * @param report what the run hears about its sitemaps
   */
  static UrlSource of(Vertx vertx, JobSpec job, SitemapFetch sitemaps, SitemapEvents report) {
    UrlSource source = new ListSource(job.urls());
    if (job.sitemap().any()) {
      source = new ConcatSource(source, new SitemapSource(vertx, job.sitemap(), job.urls(), sitemaps, report));
    }
    if (job.urlsFile() != null) {
      UrlSource file = job.readsStdin() ? FileSource.stdin(vertx) : new FileSource(vertx, job.urlsFile());
      source = job.urls().isEmpty() && !job.sitemap().any() ? file : new ConcatSource(source, file);
    }
    return source;
  }
}
