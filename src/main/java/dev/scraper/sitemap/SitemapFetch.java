package dev.scraper.sitemap;

import dev.scraper.fetch.FetchResult;
import dev.scraper.url.WebUrl;
import io.vertx.core.Future;
import java.util.List;

/**
 * How a run's sitemaps reach it: through the engine's one client, each sitemap a request start of its host like any
 * other (it waits for the host's turn, counts against its limits, and obeys its robots.txt when the job does), with
 * the job's TLS and proxy settings. Implemented by the engine, as robots.txt has its {@code RobotsFetch}.
 */
public interface SitemapFetch {
  /**
   * Fetches the sitemap document at {@code url}; never fails (every outcome is a result, whose body the caller
   * releases).
   *
   * @param stop completes when the run stops: a fetch still waiting or under way then ends as {@code cancelled}
   */
  Future<FetchResult> fetch(WebUrl url, Future<Void> stop);

  /** The {@code Sitemap:} lines of the robots.txt of {@code site}'s host (empty when none or unreadable); never fails. */
  Future<List<String>> robotsSitemaps(WebUrl site);
}
