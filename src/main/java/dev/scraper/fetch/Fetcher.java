package dev.scraper.fetch;

import dev.scraper.config.FetchPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * Fetches one URL through the shared {@link WebClient}: redirects checked hop by hop, a wall-clock budget, a body
 * cap. The returned future never fails: every outcome is a {@link FetchResult}. Call only from the owning event
 * loop; bounding how many fetches run at once is the caller's job (the pool's wait queue is never relied on).
 */
public final class Fetcher {
  private final Vertx vertx;
  private final WebClient client;

  public Fetcher(Vertx vertx, WebClient client) {
    this.vertx = vertx;
    this.client = client;
  }

  /**
   * The one client of a run. Redirects are followed by {@link Exchange}, not by the client, so that each hop's
   * scheme is checked and loops are seen.
   *
   * @param connectionsPerHost pool size per endpoint; the caller keeps in-flight requests at or below it
   */
  public static WebClient createClient(Vertx vertx, int connectionsPerHost) {
    WebClientOptions options = new WebClientOptions()
        .setUserAgentEnabled(false)
        .setFollowRedirects(false)
        .setDecompressionSupported(true)
        .setKeepAlive(true)
        .setTcpNoDelay(true)
        .setVerifyHost(true);
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(connectionsPerHost).setHttp2MaxSize(connectionsPerHost);
    return WebClient.create(vertx, options, pool);
  }

  /** Fetches {@code url} under {@code policy}; completes (never fails) with the outcome. */
  public Future<FetchResult> fetch(String url, FetchPolicy policy) {
    return new Exchange(vertx, client, url, policy).run();
  }
}
