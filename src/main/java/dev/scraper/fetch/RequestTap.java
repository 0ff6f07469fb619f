package dev.scraper.fetch;

import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.http.HttpClientInternal;
import io.vertx.core.internal.net.NetClientInternal;
import io.vertx.core.spi.metrics.Metrics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The HTTP client under our {@code WebClient}, passing every call through, that hands each request it creates to
 * the {@link Exchange} that asked for it. The WebClient never exposes its {@link HttpClientRequest}, and without
 * it a deadline or a body cap can only fail a future while the transfer goes on; with it, {@code reset()} closes
 * the connection and the download really stops. An exchange tags its request with the {@link #TAG} header, which
 * is removed here before the request is sent. Here too each request gets its job's TLS options and proxy (see
 * {@link Transport}): the WebClient's request can carry a proxy but no TLS options, and this is the one place
 * that sees the {@link RequestOptions} of every request.
 *
 * <p>Uses Vert.x's internal client interface because {@code WebClient.wrap} requires it. Event-loop owned.
 */
final class RequestTap implements HttpClientInternal {
  static final String TAG = "x-scraper-exchange";
  private final HttpClientInternal delegate;
  private final Map<String, Pending> waiting = new HashMap<>();
  private long next;

  RequestTap(HttpClientInternal delegate) {
    this.delegate = delegate;
  }

  /** The tap over a client made by {@code vertx.createHttpClient} (which is always an internal client). */
  static RequestTap over(HttpClientAgent client) {
    return new RequestTap((HttpClientInternal) client);
  }

  /** What a tagged request is to get: its TLS options and proxy (each null for the client's), and who hears of it. */
  private record Pending(Consumer<HttpClientRequest> onRequest, ClientSSLOptions tls, ProxyOptions proxy) {
  }

  /**
   * Registers a consumer for the request that will carry the returned tag, and the TLS options (for an https URL)
   * and proxy that request is made with; null leaves the client's own.
   */
  String expect(Consumer<HttpClientRequest> onRequest, ClientSSLOptions tls, ProxyOptions proxy) {
    String tag = Long.toString(next++, 36);
    waiting.put(tag, new Pending(onRequest, tls, proxy));
    return tag;
  }

  /** Drops a registration whose request will never be created. */
  void forget(String tag) {
    waiting.remove(tag);
  }

  @Override
  public Future<HttpClientRequest> request(RequestOptions options) {
    String tag = options.getHeaders() == null ? null : options.getHeaders().get(TAG);
    if (tag == null) {
      return delegate.request(options);
    }
    options.removeHeader(TAG);
    Pending pending = waiting.remove(tag);
    if (pending == null) {
      return delegate.request(options);
    }
    if (pending.tls() != null) {
      options.setSslOptions(pending.tls());
    }
    if (pending.proxy() != null) {
      options.setProxyOptions(pending.proxy());
    }
    return delegate.request(options).onSuccess(pending.onRequest()::accept);
  }

  @Override
  public Future<Void> shutdown(long timeout, TimeUnit unit) {
    return delegate.shutdown(timeout, unit);
  }

  @Override
  public Future<Boolean> updateSSLOptions(ClientSSLOptions options, boolean force) {
    return delegate.updateSSLOptions(options, force);
  }

  @Override
  public Future<HttpClientConnection> connect(HttpConnectOptions options) {
    return delegate.connect(options);
  }

  @Override
  public VertxInternal vertx() {
    return delegate.vertx();
  }

  @Override
  public Function<HttpClientResponse, Future<RequestOptions>> redirectHandler() {
    return delegate.redirectHandler();
  }

  @Override
  public HttpClientOptions options() {
    return delegate.options();
  }

  @Override
  public NetClientInternal netClient() {
    return delegate.netClient();
  }

  @Override
  public Future<Void> closeFuture() {
    return delegate.closeFuture();
  }

  @Override
  public Metrics getMetrics() {
    return delegate.getMetrics();
  }

  @Override
  public boolean isMetricsEnabled() {
    return delegate.isMetricsEnabled();
  }

  @Override
  public void close(Completable<Void> completion) {
    delegate.close(completion);
  }
}
