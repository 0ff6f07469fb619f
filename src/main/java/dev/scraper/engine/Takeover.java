package dev.scraper.engine;

import dev.scraper.cluster.ClusterNode;
import dev.scraper.url.Redaction;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * When a member leaves, the runs it owned (their {@link Checkpoint}s) are taken over: one survivor claims each run,
 * reads its checkpoint, and adopts it ({@link RunAdopter}) under the same id, resuming where the checkpoint says.
 * URLs whose records the owner wrote but had not yet marked done in the checkpoint are found in its output file when
 * this node can read it (the same machine, or shared storage): then no URL gets a second record. A run that had given
 * up its checkpoint (past the budget) is not taken over, and the claimer says so.
 */
final class Takeover {
  /** How long a takeover's claim is kept, in ms. */
  private static final long CLAIM_MS = 24L * 3600 * 1000;
  private final Vertx vertx;
  private final ClusterNode node;
  private final Sharing sharing;
  private final Context context;
  private final RunAdopter adopter;

  Takeover(Vertx vertx, ClusterNode node, Sharing sharing, Context context, RunAdopter adopter) {
    this.vertx = vertx;
    this.node = node;
    this.sharing = sharing;
    this.context = context;
    this.adopter = adopter;
  }

  /** The member {@code id} left: its runs are claimed, and those this node wins are adopted. */
  void left(String id) {
    node.<String, JsonObject>map(Checkpoint.RUNS).compose(AsyncMap::entries).onSuccess(runs -> {
      for (JsonObject run : runs.values()) {
        if (id.equals(run.getString("owner"))) {
          node.claim("takeover:" + run.getString("run") + ":" + id, CLAIM_MS)
              .onSuccess(mine -> context.runOnContext(v -> {
                if (mine) {
                  adopt(run);
                }
              }));
        }
      }
    }).onFailure(e -> System.err.println("scraper: cannot read the cluster's runs after a node left: " + e));
  }

  private void adopt(JsonObject run) {
    String runId = run.getString("run");
    String from = run.getString("ownerName");
    if (run.getBoolean("onDisk", false)) {
      adopter.adopt(run).onFailure(e -> giveUp(runId, "cannot take over run " + runId + " of " + from + ": "
          + e.getMessage()));
      return;
    }
    if (!run.getBoolean("complete", false)) {
      giveUp(runId, "run " + runId + " lost its node " + from + "; its frontier was past the cluster's checkpoint"
          + " budget, so it cannot be taken over (its dataDir on shared storage could resume it)");
      return;
    }
    String output = run.getString("output");
    node.<String, JsonArray>map(Checkpoint.urlsOf(runId)).compose(map -> map.entries()
        .compose(urls -> vertx.executeBlocking(() -> withWritten(new HashMap<>(urls), output, runId))
            .onSuccess(after -> after.forEach((key, v) -> { // done in the cluster too: for a takeover of this one
              if (v.getBoolean(3) && !urls.get(key).getBoolean(3)) {
                map.put(key, v);
              }
            }))))
        .onComplete(ar -> context.runOnContext(v -> {
          if (ar.failed()) {
            giveUp(runId, "cannot take over run " + runId + " of " + from + ": " + ar.cause());
            return;
          }
          sharing.resume(runId, ar.result());
          adopter.adopt(run).onFailure(e -> {
            sharing.resumed(runId);
            giveUp(runId, "cannot take over run " + runId + " of " + from + ": " + e.getMessage());
          });
        }));
  }

  /** Says why the run is not taken over; its entry and frontier leave the cluster (no other node will try). */
  private void giveUp(String runId, String why) {
    System.err.println("scraper: " + why);
    node.<String, JsonObject>map(Checkpoint.RUNS).onSuccess(m -> m.remove(runId));
    node.drop(Checkpoint.urlsOf(runId));
  }

  /** The checkpoint, with each URL whose record of {@code runId} is in {@code output} (if readable here) done. */
  static Map<String, JsonArray> withWritten(Map<String, JsonArray> urls, String output, String runId) {
    if (output == null || !Files.isReadable(Path.of(output))) {
      return urls;
    }
    Map<String, String> byGiven = new HashMap<>();
    urls.forEach((key, v) -> {
      if (!v.getBoolean(3)) {
        byGiven.put(Redaction.url(v.getString(0)), key); // as the record has it (no password)
      }
    });
    String mark = "\"run\":\"" + runId + "\"";
    try (BufferedReader in = Files.newBufferedReader(Path.of(output), StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null && !byGiven.isEmpty(); line = in.readLine()) {
        if (!line.contains(mark) || !line.endsWith("}")) {
          continue; // another run's, or the last line, torn when its node died
        }
        try {
          String key = byGiven.remove(new JsonObject(line).getString("url"));
          if (key != null) {
            urls.put(key, urls.get(key).copy().set(3, true));
          }
        } catch (RuntimeException e) {
          // a torn line: its URL is fetched again
        }
      }
    } catch (IOException e) {
      return urls; // cannot read it: URLs not marked done are fetched again
    }
    return urls;
  }
}
