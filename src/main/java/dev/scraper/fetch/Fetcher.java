package dev.scraper.fetch;

import dev.scraper.config.FetchPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.internal.http.HttpClientInternal;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * Fetches one URL through the run's one {@link WebClient}: retries with backoff, redirects checked hop by hop, a
 * wall-clock budget and a body cap that both close the connection when they trip. The returned future never
 * fails: every outcome is a {@link FetchResult}. Call only from the owning event loop; bounding how many fetches
 * run at once is the caller's job (the pool's wait queue is never relied on).
 */
public final class Fetcher {
  private final Vertx vertx;
  private final RequestTap tap;
  private final WebClient client;
  private final Ticker ticker;

  private Fetcher(Vertx vertx, RequestTap tap, WebClient client) {
    this.vertx = vertx;
    this.ticker = new Ticker(vertx);
    this.tap = tap;
    this.client = client;
  }

  /**
   * The fetcher of a run, with its client. Redirects are followed by {@link Exchange}, not by the client, so that
   * each hop's scheme is checked and loops are seen.
   *
   * @param connectionsPerHost pool size per endpoint; the caller keeps in-flight requests at or below it
   */
  public static Fetcher create(Vertx vertx, int connectionsPerHost) {
    WebClientOptions options = new WebClientOptions()
        .setUserAgentEnabled(false)
        .setFollowRedirects(false)
        .setDecompressionSupported(false) // the parse stage decodes, on a worker
        .setKeepAlive(true)
        .setTcpNoDelay(true)
        .setVerifyHost(true);
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(connectionsPerHost).setHttp2MaxSize(connectionsPerHost);
    HttpClientAgent agent = vertx.createHttpClient(options, pool);
    RequestTap tap = new RequestTap((HttpClientInternal) agent);
    return new Fetcher(vertx, tap, WebClient.wrap(tap, options));
  }

  /** Fetches {@code url} under {@code policy}; completes (never fails) with the outcome. */
  public Future<FetchResult> fetch(String url, FetchPolicy policy, FetchObserver observer) {
    return new Exchange(vertx, client, tap, ticker, url, policy, observer).run();
  }

  /** Closes the client and its connections. */
  public Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }
}
