package dev.scraper.engine;

import dev.scraper.cluster.ClusterNode;
import dev.scraper.config.Defaults;
import dev.scraper.fetch.Validators;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last good answers of each job in a cluster map, so that whichever node fires a job's next run asks
 * conditionally and tells unchanged records from changed ones. The map {@code scraper.changes.<job>} (one backup)
 * holds, per URL (normal form), {@code {"f": fields, "e": ETag, "m": Last-Modified, "t": ms written}}. A run
 * {@linkplain Share#load loads} it into the engine's {@link Changes} before it reads its first URL (at most
 * {@link #LOAD_WAIT_MS}), then writes each answer it learns, {@link #BATCH} at a time with one batch in flight; what
 * is left when the run ends is written before its {@code done()} completes, within {@link #WRITE_WAIT_MS}, else
 * dropped (those URLs are asked in full next time; so are the last answers of a node that crashes). A map holds at
 * most {@link Defaults#CLUSTER_CHANGE_ENTRIES} URLs: a new URL beyond that takes the place of the one written
 * longest ago (two runs of a job at once each count their own, so the map may pass it until the next run's load,
 * which drops the oldest). Only for an engine on a clustered node that keeps answers at all. Event-loop owned.
 */
final class ClusterChanges {
  /** How long a run waits for its job's last answers before it starts without them, in ms. */
  static final long LOAD_WAIT_MS = 10_000;
  /** How long a run's end waits for its last answers to be written, in ms. */
  static final long WRITE_WAIT_MS = 5_000;
  /** Answers written at a time. */
  static final int BATCH = 256;
  private static final String PREFIX = "scraper.changes.";
  private final Vertx vertx;
  private final ClusterNode node;
  private final int budget;

  ClusterChanges(Vertx vertx, ClusterNode node, int budget) {
    this.vertx = vertx;
    this.node = node;
    this.budget = budget;
  }

  /** The engine's share of answers in the cluster, or null outside a cluster (or when no node was given). */
  static ClusterChanges of(Vertx vertx, ClusterNode node) {
    return node == null || !node.clustered() ? null
        : new ClusterChanges(vertx, node, Defaults.CLUSTER_CHANGE_ENTRIES);
  }

  /** One run's view of its job's map. */
  Share share(String job, Changes into) {
    return new Share(job, into);
  }

  /** One run of a job: what it loads from the job's map and what it writes back. */
  final class Share {
    private final String job;
    private final Changes changes;
    private AsyncMap<String, JsonObject> map;
    /** The URLs in the map as far as this run knows, the one written longest ago first. */
    private final LinkedHashMap<String, Boolean> order = new LinkedHashMap<>();
    /** Answers to write: a URL to its entry, or to null to remove it. */
    private final LinkedHashMap<String, JsonObject> pending = new LinkedHashMap<>();
    private boolean writing;
    private boolean ended;
    private Promise<Void> written;

    private Share(String job, Changes changes) {
      this.job = job;
      this.changes = changes;
    }

    /**
     * Loads the job's last answers into the engine's {@link Changes}; fails after {@link #LOAD_WAIT_MS}, or when
     * the cluster does not answer (then the run writes what it learns all the same if it has the map).
     */
    Future<Integer> load() {
      Promise<Integer> loaded = Promise.promise();
      long timer = vertx.setTimer(LOAD_WAIT_MS, t -> loaded.tryFail("they did not come within "
          + LOAD_WAIT_MS / 1000 + " s"));
      node.<String, JsonObject>map(PREFIX + job)
          .compose(m -> {
            map = m;
            return m.entries();
          })
          .onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (loaded.future().isComplete()) {
              return; // too late: the run started without them
            }
            if (ar.failed()) {
              ended = true; // no map: nothing is written either
              loaded.fail(ar.cause());
            } else {
              loaded.complete(take(ar.result()));
            }
          });
      return loaded.future();
    }

    private int take(Map<String, JsonObject> entries) {
      List<Map.Entry<String, JsonObject>> byAge = new ArrayList<>(entries.entrySet());
      byAge.sort(Comparator.comparingLong(e -> e.getValue().getLong("t", 0L)));
      int over = byAge.size() - budget;
      for (Map.Entry<String, JsonObject> e : byAge) {
        if (over-- > 0) {
          pending.put(e.getKey(), null); // beyond the budget (a smaller one, or runs at once): the oldest go
          continue;
        }
        JsonObject v = e.getValue();
        String etag = v.getString("e");
        String modified = v.getString("m");
        changes.remember(job, e.getKey(), v.getJsonObject("f"),
            etag == null && modified == null ? null : new Validators(etag, modified));
        order.put(e.getKey(), Boolean.TRUE);
      }
      flush();
      return order.size();
    }

    /** A URL's answer: its fields and validators to keep, or null fields to remove its entry (an error). */
    void learned(String url, JsonObject fields, Validators v) {
      if (ended) {
        return;
      }
      if (fields == null) {
        if (order.remove(url) != null) {
          pending.put(url, null);
        }
      } else {
        order.remove(url);
        order.put(url, Boolean.TRUE); // now the newest
        pending.put(url, entry(fields, v));
        if (order.size() > budget) {
          Iterator<String> oldest = order.keySet().iterator();
          pending.put(oldest.next(), null);
          oldest.remove();
        }
      }
      if (map == null && pending.size() > budget) {
        pending.clear(); // the map never came: keep memory flat
      } else if (pending.size() >= BATCH) {
        flush();
      }
    }

    /**
     * The run ended: writes what is left; completes (never fails) when it is written, or after
     * {@link #WRITE_WAIT_MS} with the rest dropped.
     */
    Future<Void> end() {
      if (written == null) {
        ended = true;
        written = Promise.promise();
        long timer = vertx.setTimer(WRITE_WAIT_MS, t -> {
          pending.clear();
          written.tryComplete();
        });
        written.future().onComplete(x -> vertx.cancelTimer(timer));
        flush();
      }
      return written.future();
    }

    private void flush() {
      if (writing || map == null) {
        if (map == null && ended) {
          pending.clear();
          written.tryComplete();
        }
        return;
      }
      if (pending.isEmpty()) {
        if (ended) {
          written.tryComplete();
        }
        return;
      }
      List<Future<?>> writes = new ArrayList<>();
      Iterator<Map.Entry<String, JsonObject>> it = pending.entrySet().iterator();
      while (it.hasNext() && writes.size() < BATCH) {
        Map.Entry<String, JsonObject> e = it.next();
        writes.add(e.getValue() == null ? map.remove(e.getKey()) : map.put(e.getKey(), e.getValue()));
        it.remove();
      }
      writing = true;
      Future.join(writes).onComplete(ar -> {
        writing = false; // a write that failed is not retried: that URL is asked in full next time
        if (ended || pending.size() >= BATCH) {
          flush();
        }
      });
    }

    private static JsonObject entry(JsonObject fields, Validators v) {
      JsonObject e = new JsonObject().put("f", fields).put("t", System.currentTimeMillis());
      if (v != null && v.etag() != null) {
        e.put("e", v.etag());
      }
      if (v != null && v.lastModified() != null) {
        e.put("m", v.lastModified());
      }
      return e;
    }
  }
}
