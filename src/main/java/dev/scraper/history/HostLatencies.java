package dev.scraper.history;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's latencies and status classes per host, in bounded memory: the first {@code tracked} hosts seen get a {@link SmallHistogram}
 * each, later ones go to "other" at once; the summary lists the busiest {@code listed} of them by count, and the rest
 * together as "other". Event-loop owned.
 */
final class HostLatencies {
  static final String OTHER = "other";
  private final int listed;
  private final int tracked;
  private final Map<String, SmallHistogram> hosts = new HashMap<>();
  private final SmallHistogram other = new SmallHistogram();

  HostLatencies(int listed, int tracked) {
    this.listed = listed;
    this.tracked = tracked;
  }

  /** One record of the host: its status (null: no answer) and, when it was fetched, its latency (else -1). */
  void record(String host, Integer status, long ms) {
    SmallHistogram h = hosts.get(host);
    if (h == null && hosts.size() < tracked && !OTHER.equals(host)) {
      h = new SmallHistogram();
      hosts.put(host, h);
    }
    SmallHistogram into = h == null ? other : h;
    into.status(status);
    if (ms >= 0) {
      into.record(ms);
    }
  }

  /** The busiest hosts (by latencies counted) first (ties by name), then "other" when it has samples. */
  JsonArray toJson() {
    List<Map.Entry<String, SmallHistogram>> all = new ArrayList<>(hosts.entrySet());
    all.sort((a, b) -> a.getValue().count() != b.getValue().count()
        ? Long.compare(b.getValue().count(), a.getValue().count()) : a.getKey().compareTo(b.getKey()));
    SmallHistogram rest = new SmallHistogram();
    rest.add(other);
    JsonArray out = new JsonArray();
    for (int i = 0; i < all.size(); i++) {
      if (i < listed) {
        out.add(json(all.get(i).getKey(), all.get(i).getValue()));
      } else {
        rest.add(all.get(i).getValue());
      }
    }
    if (!rest.statuses().isEmpty()) {
      out.add(json(OTHER, rest));
    }
    return out;
  }

  static JsonObject json(String host, SmallHistogram h) {
    return new JsonObject().put("host", host).put("count", h.count()).put("p50", h.percentile(0.5))
        .put("p90", h.percentile(0.9)).put("p99", h.percentile(0.99)).put("max", h.max())
        .put("statuses", h.statuses());
  }

  /** The host (and port) of an absolute URL, without userinfo; "other" when there is none. */
  static String hostOf(String url) {
    return dev.scraper.url.Authority.of(url, OTHER);
  }
}
