package dev.scraper.fetch;

import io.vertx.core.http.HttpConnection;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * When each of the client's connections was opened (its connect handler tells), so that a request can say whether
 * it paid for a new connection (and how long it took, DNS and TLS included) or reused a pooled one. Weakly held:
 * a closed connection is forgotten. Event-loop owned.
 */
final class Connections {
  private final Map<HttpConnection, Long> openedAt = new WeakHashMap<>();

  /** A connection is open (the client's connect handler). */
  void opened(HttpConnection connection) {
    openedAt.put(connection, System.nanoTime());
  }

  /** Ms from {@code sinceNanos} until {@code connection} was opened, or null when it was open before then. */
  Long openedSince(HttpConnection connection, long sinceNanos) {
    Long at = connection == null ? null : openedAt.get(connection);
    return at == null || at < sinceNanos ? null : (at - sinceNanos) / 1_000_000;
  }
}
