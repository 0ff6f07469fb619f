package dev.scraper.testing.hostile;

/**
 * One misbehaving answer of the {@link HostileServer}. A route runs on the connection's event loop, must never
 * block, and must eventually call {@link Exchange#end()} (or {@link Exchange#reset()}, or
 * {@link Exchange#keepAlive()} for a complete keep-alive answer); the server closes any connection after
 * {@link HostileServer#MAX_CONNECTION_MS} in case a route forgets.
 */
@FunctionalInterface
public interface HostileRoute {
  /** Answers (or refuses to answer) the request of {@code ex}. */
  void handle(Exchange ex);
}
