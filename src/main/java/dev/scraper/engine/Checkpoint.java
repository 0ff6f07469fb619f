package dev.scraper.engine;

import dev.scraper.cluster.ClusterNode;
import dev.scraper.config.Defaults;
import dev.scraper.frontier.CrawlUrl;
import dev.scraper.sink.Sink;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;

/**
 * A run's checkpoint in the cluster, written by its owner as the run goes: the run (its id, its job's source, its
 * owner) in the map {@value #RUNS}, and each URL admitted, then done, in a map of the run's own, both with one backup.
 * When the owner dies, another node takes the run over from it ({@link Takeover}). Writes are sent and not waited for;
 * a run whose URLs pass {@link Defaults#CHECKPOINT_URLS} gives its checkpoint up (it says so in its entry). Not for a
 * run whose frontier is on disk (dataDir) nor outside a cluster: {@link #NONE}. Event-loop owned.
 */
class Checkpoint {
  /** The cluster map of runs that can be taken over: run id to {@code {run, owner, source, complete}}. */
  static final String RUNS = "scraper.runs";
  /** How often the URLs whose records are on their way to the sink's file are looked at again, in ms. */
  private static final long DRAIN_MS = 200;
  /** Does nothing. */
  static final Checkpoint NONE = new Checkpoint();

  private final ClusterNode node;
  private final String runId;
  private final int budget;
  private Future<AsyncMap<String, JsonObject>> runs;
  private Future<AsyncMap<String, JsonArray>> urls;
  private final io.vertx.core.Vertx vertx;
  private int kept;
  private boolean over;
  /**
   * URLs done whose records the sink has yet to take, the last done on top: each URL's record follows its settling
   * at once, and whatever settles in between (a URL refused as the source reads on) has its record first.
   */
  private final java.util.ArrayDeque<String[]> settled = new java.util.ArrayDeque<>();
  /** URLs whose records the sink took, with the count of records it will have written once theirs is out. */
  private final java.util.ArrayDeque<Object[]> writing = new java.util.ArrayDeque<>();
  private long taken;
  private Sink sink;
  private long timer = -1;

  private Checkpoint() {
    this.vertx = null;
    this.node = null;
    this.runId = null;
    this.budget = 0;
  }

  /**
   * @param onDisk the run keeps its frontier in its dataDir: only the run is entered (a node that reaches that
   *     dataDir, on shared storage, takes it over from there)
   */
  Checkpoint(io.vertx.core.Vertx vertx, ClusterNode node, Run run, int budget, boolean onDisk) {
    this(vertx, node, run.id(), run.job().source(), run.job().output() == null || run.job().output().toStdout()
        ? null : run.job().output().path().toAbsolutePath().toString(), budget, onDisk);
  }

  /** As above, for the run {@code runId} of the job {@code source} writing to {@code output} (null: stdout). */
  Checkpoint(io.vertx.core.Vertx vertx, ClusterNode node, String runId, JsonObject source, String output, int budget,
             boolean onDisk) {
    this.vertx = vertx;
    this.node = node;
    this.runId = runId;
    this.budget = budget;
    this.over = onDisk;
    this.runs = node.map(RUNS);
    this.urls = onDisk ? null : node.map(urlsOf(runId));
    JsonObject entry = new JsonObject().put("run", runId).put("owner", node.id()).put("ownerName", node.name())
        .put("onDisk", onDisk).put("source", source).put("complete", true).put("output", output);
    runs.onSuccess(m -> m.put(runId, entry));
  }

  /** The cluster map of the URLs of the run {@code runId}: normalised URL to {@code [given, depth, referrer, done]}. */
  static String urlsOf(String runId) {
    return "scraper.frontier." + runId;
  }

  /** The key of an invalid line of the source (it has no URL). */
  static String invalidKey(String given) {
    return "!" + given;
  }

  /** A URL joined the run. */
  void admitted(CrawlUrl url) {
    put(url.url().toString(), url);
  }

  /**
   * A URL has its record, which the sink takes next (or not at all: an unchanged record that is not kept). It is
   * done in the checkpoint once the sink has written it: a record lost with its owner is fetched again.
   */
  void done(CrawlUrl url) {
    settle(url.url().toString(), url.given(), url.depth(), url.referrer());
  }

  /** An invalid line of the source has its record (as {@link #done}). */
  void invalid(String given) {
    settle(invalidKey(given), given, 0, null);
  }

  private void settle(String key, String given, int depth, String referrer) {
    if (node == null || over) {
      return;
    }
    settled.push(new String[] {key, given, String.valueOf(depth), referrer});
  }

  /** The URL done last has no record for the sink (onlyChanged dropped it): it is done now. */
  void unwritten() {
    String[] u = settled.poll();
    if (u != null) {
      mark(u);
    }
  }

  /** The records of the run go to {@code sink} through the sink this gives (which tells when each is written). */
  Sink around(Sink sink) {
    if (node == null || over) {
      return sink;
    }
    this.sink = sink;
    return new CheckpointSink(sink, this);
  }

  /** The sink took a record: the URL done last is marked done once the sink has written it. */
  void taken() {
    taken++;
    String[] u = settled.poll();
    if (u != null) {
      writing.add(new Object[] {u, taken});
    }
    drain();
  }

  private void drain() {
    while (!writing.isEmpty() && (long) writing.peek()[1] <= sink.written()) {
      mark((String[]) writing.poll()[0]);
    }
    if (!writing.isEmpty() && timer < 0 && !over) {
      timer = vertx.setTimer(DRAIN_MS, id -> {
        timer = -1;
        drain();
      });
    }
  }

  private void mark(String[] u) {
    if (over) {
      return;
    }
    JsonArray value = new JsonArray().add(u[1]).add(Integer.parseInt(u[2])).add(u[3]).add(true);
    urls.onSuccess(m -> m.put(u[0], value));
  }

  private void put(String key, CrawlUrl url) {
    if (over || node == null) {
      return;
    }
    if (++kept > budget) {
      over = true;
      runs.onSuccess(m -> m.get(runId).onSuccess(e -> {
        if (e != null) {
          m.put(runId, e.put("complete", false));
        }
      }));
      node.drop(urlsOf(runId));
      urls = null;
      return;
    }
    JsonArray value = new JsonArray().add(url.given()).add(url.depth()).add(url.referrer()).add(false);
    urls.onSuccess(m -> m.put(key, value));
  }

  /** The run ended (by itself, or stopped): nothing to take over. */
  void ended() {
    if (node == null) {
      return;
    }
    over = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    runs.onSuccess(m -> m.remove(runId));
    node.drop(urlsOf(runId));
  }
}
