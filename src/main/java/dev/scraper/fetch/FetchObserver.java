package dev.scraper.fetch;

/** Hears about every answer a host gives, so that politeness can adapt (see {@code polite.HostThrottle}). */
public interface FetchObserver {
  /** Observes nothing. */
  FetchObserver NONE = (hostKey, status, latencyMs, retryAfterMs) -> {
  };

  /**
   * One attempt (one hop) ended.
   *
   * @param hostKey scheme://host:port of the hop
   * @param status the status, or null when no answer came
   * @param latencyMs time of the hop
   * @param retryAfterMs the Retry-After the host asked for, or -1
   */
  void answered(String hostKey, Integer status, long latencyMs, long retryAfterMs);
}
