package dev.scraper.engine;

import dev.scraper.config.FetchPolicy;
import dev.scraper.fetch.Validators;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the engine remembers of each URL's last good answer, per job, for as long as the process lives: the fields
 * extracted and the validators (ETag, Last-Modified) for a conditional request. Runs of a job in one process
 * (schedules, the management API) share it, so a later run tells changed records from unchanged ones. Bounded: the
 * least recently used entries go beyond {@code maxEntries}. Event-loop owned.
 */
final class Changes {
  /** One URL's last good answer. */
  record Last(JsonObject fields, Validators validators) {
  }

  private final int maxEntries;
  private final Map<String, Last> lasts;

  Changes(int maxEntries) {
    this.maxEntries = maxEntries;
    this.lasts = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Last> eldest) {
        return size() > Changes.this.maxEntries;
      }
    };
  }

  /** The URL's last good answer in this job, or null. */
  Last last(String job, String url) {
    return lasts.isEmpty() ? null : lasts.get(key(job, url));
  }

  /** Keeps a good answer's fields and validators (null when it sent none). */
  void remember(String job, String url, JsonObject fields, Validators validators) {
    if (maxEntries == 0) {
      return;
    }
    lasts.put(key(job, url), new Last(fields, validators));
  }

  /** The URL's last answer was an error: the next good one is a change. */
  void forget(String job, String url) {
    if (!lasts.isEmpty()) {
      lasts.remove(key(job, url));
    }
  }

  int size() {
    return lasts.size();
  }

  private static String key(String job, String url) {
    return job + '\n' + url;
  }

  /**
   * The policy of a URL's requests: conditional (If-None-Match, If-Modified-Since) when its last good answer gave
   * validators. GET only; a crawl needs each page's links, which a 304 does not give, so it asks in full.
   */
  static FetchPolicy conditional(FetchPolicy p, Last last, boolean crawl) {
    Validators v = last == null ? null : last.validators();
    return v == null || p.head() || crawl ? p : p.withHeaders(v.headers());
  }
}
