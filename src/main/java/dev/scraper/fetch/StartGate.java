package dev.scraper.fetch;

import dev.scraper.config.FetchPolicy;
import dev.scraper.url.WebUrl;
import io.vertx.core.Future;

/**
 * Where every request after a URL's first waits for its start: each redirect hop and each retry is a request start
 * for its own host, checked against that host's robots.txt and held to its politeness exactly as a first request
 * is. Implemented by the engine; the time spent waiting here does not count against the URL's budget.
 */
@FunctionalInterface
public interface StartGate {
  /**
   * A slot for a request to {@code target}; fails with a {@link FetchError} of type {@code robots} when robots.txt
   * refuses it, or {@code cancelled} when the run stops first.
   */
  Future<Slot> next(WebUrl target, FetchPolicy policy);
}
