/**
 * Sitemaps as a source of a run's URLs: documents fetched through the engine ({@link dev.scraper.sitemap.SitemapFetch}),
 * read by crawler-commons on a worker ({@code SitemapDoc}), handed out in batches ({@link
 * dev.scraper.sitemap.SitemapSource}).
 */
package dev.scraper.sitemap;
