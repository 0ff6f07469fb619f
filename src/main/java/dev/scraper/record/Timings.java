package dev.scraper.record;

import io.vertx.core.json.JsonObject;

/**
 * Where one URL's time went, as far as the client lets us see it without its internals.
 *
 * @param queuedMs from the moment the URL was read to its first request's start: its host's turn, the run's free
 *     slots, the memory budget, robots.txt
 * @param connectMs opening a new connection for the final request, DNS and TLS included; null when a pooled one
 *     was reused (or none was opened)
 * @param ttfbMs from the final request's start to its response head; null when no response came
 * @param totalMs from the first request's start to the end: every attempt and hop, the backoff between attempts
 *     and the waits for a redirect target's host included
 */
public record Timings(long queuedMs, Long connectMs, Long ttfbMs, long totalMs) {
  /** Nothing was requested. */
  public static Timings none(long queuedMs) {
    return new Timings(queuedMs, null, null, 0);
  }

  public JsonObject toJson() {
    return new JsonObject().put("queuedMs", queuedMs).put("connectMs", connectMs).put("ttfbMs", ttfbMs)
        .put("totalMs", totalMs);
  }
}
