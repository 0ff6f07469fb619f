package dev.scraper.fetch;

import dev.scraper.config.Defaults;
import dev.scraper.config.FetchPolicy;
import dev.scraper.memory.MemoryBudget;
import dev.scraper.url.WebUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * Fetches URLs through the engine's one {@link WebClient}: retries with backoff, redirects checked hop by hop, a
 * wall-clock budget and a body cap that both close the connection when they trip, bodies counted against the
 * memory budget. A fetch's future never fails: every outcome is a {@link FetchResult}. Call only from the owning
 * event loop. How many requests run at once, per host and overall, is decided before a request gets its
 * {@link Slot}; the client's pool never queues (its size per host is the most any job may ask for).
 */
public final class Fetcher {
  final Vertx vertx;
  final RequestTap tap;
  final WebClient client;
  final Ticker ticker;
  final MemoryBudget budget;
  final Connections connections;

  private Fetcher(Vertx vertx, RequestTap tap, WebClient client, MemoryBudget budget, Connections connections) {
    this.vertx = vertx;
    this.ticker = new Ticker(vertx);
    this.tap = tap;
    this.client = client;
    this.budget = budget;
    this.connections = connections;
  }

  /**
   * The engine's fetcher, with its client. Redirects are followed by {@link Exchange}, not by the client, so that
   * each hop is checked and waits for its host; bodies arrive compressed, to be decoded off the event loop.
   */
  public static Fetcher create(Vertx vertx, MemoryBudget budget) {
    WebClientOptions options = new WebClientOptions()
        .setUserAgentEnabled(false)
        .setFollowRedirects(false)
        .setDecompressionSupported(false)
        .setKeepAlive(true)
        .setTcpNoDelay(true)
        .setVerifyHost(true)
        .setSslEngineOptions(new TlsEngine()); // OpenSSL where it loads, chosen at the first TLS connection
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(Defaults.MAX_PER_HOST);
    Connections connections = new Connections();
    HttpClientAgent agent = vertx.httpClientBuilder().with(options).with(pool).withConnectHandler(connections::opened)
        .build();
    RequestTap tap = RequestTap.over(agent);
    return new Fetcher(vertx, tap, WebClient.wrap(tap, options), budget, connections);
  }

  /**
   * Fetches {@code url} under {@code policy}; completes (never fails) with the outcome.
   *
   * @param first the slot the first request holds (its host's turn has come)
   * @param gate where each later request (redirect hop, retry) waits for its own slot
   */
  public Fetch fetch(WebUrl url, FetchPolicy policy, Slot first, StartGate gate, FetchObserver observer) {
    Exchange exchange = new Exchange(this, url, policy, gate, observer);
    return new Fetch(exchange, exchange.run(first));
  }

  /** Closes the client and its connections. */
  public Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }

  /** A fetch under way: its outcome, and a way to end it early. */
  public static final class Fetch {
    private final Exchange exchange;
    private final Future<FetchResult> result;

    Fetch(Exchange exchange, Future<FetchResult> result) {
      this.exchange = exchange;
      this.result = result;
    }

    public Future<FetchResult> result() {
      return result;
    }

    /** Ends the fetch now with a {@code cancelled} outcome; its connection is closed. */
    public void cancel(String why) {
      exchange.cancel(why);
    }
  }
}
