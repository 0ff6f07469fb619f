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
 * least recently used entries go beyond {@code maxEntries}. In a cluster, each run also loads its job's answers from,
 * and writes them to, a cluster map ({@link ClusterChanges}). Event-loop owned.
 */
final class Changes {
  /** One URL's last good answer. */
  record Last(JsonObject fields, Validators validators) {
  }

  private final int maxEntries;
  private final Map<String, Last> lasts;
  /** The jobs' answers in the cluster, or null outside a cluster. */
  private final ClusterChanges cluster;

  Changes(int maxEntries) {
    this(maxEntries, null);
  }

  /** As {@link #Changes(int)}, shared through {@code cluster} too (null: not clustered). */
  Changes(int maxEntries, ClusterChanges cluster) {
    this.maxEntries = maxEntries;
    this.cluster = maxEntries == 0 ? null : cluster; // a one-shot engine keeps nothing, so shares nothing
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

  /** A run's share of its job's answers in the cluster, or null when the engine is not clustered. */
  ClusterChanges.Share share(String job) {
    return cluster == null ? null : cluster.share(job, this);
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
