package dev.scraper.robots;

import dev.scraper.config.FetchPolicy;
import dev.scraper.fetch.FetchResult;
import dev.scraper.url.WebUrl;
import io.vertx.core.Future;

/**
 * How robots.txt is fetched: by the engine, as a request start of its host like any other (it waits for the host's
 * turn and counts against its limits), through the engine's one client.
 */
@FunctionalInterface
public interface RobotsFetch {
  /** Fetches {@code robotsUrl} under {@code policy}; never fails (every outcome is a result). */
  Future<FetchResult> fetch(WebUrl robotsUrl, FetchPolicy policy);
}
