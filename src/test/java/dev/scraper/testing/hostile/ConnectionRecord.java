package dev.scraper.testing.hostile;

/**
 * A snapshot of one TCP connection the {@link HostileServer} accepted.
 *
 * @param path the dispatch path (query stripped) of the connection's first request, or {@code ""} while no full
 *     request head has arrived (and forever when none ever did)
 * @param openedNanos when the server accepted the connection, nanoseconds since the epoch
 * @param closedNanos when the server saw the connection end, nanoseconds since the epoch, or -1 while open
 * @param bytesWritten bytes the server handed to the socket (the peer may not have read them all)
 * @param closedByClient true when the peer closed or reset the connection while a route was still answering (or
 *     before any request head arrived); false when the server ended it (route done, reset by the route, bounds
 *     reached, server closed) and false when a keep-alive connection was closed idle, after a complete answer
 */
public record ConnectionRecord(String path, long openedNanos, long closedNanos, long bytesWritten,
                               boolean closedByClient) {
  /** Whether the connection is still open. */
  public boolean open() {
    return closedNanos < 0;
  }

  /** Milliseconds from accept to close, or -1 while open. */
  public long lifetimeMillis() {
    return open() ? -1 : (closedNanos - openedNanos) / 1_000_000L;
  }

  /** Whether the connection is closed, by the client, within {@code millis} of its opening. */
  public boolean closedByClientWithin(long millis) {
    return !open() && closedByClient && lifetimeMillis() <= millis;
  }
}
