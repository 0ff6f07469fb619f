package dev.scraper.api;

import dev.scraper.config.Defaults;
import dev.scraper.history.RunHistory;
import dev.scraper.history.RunSummary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The run summaries as the endpoints show them: a job's last run (its summary, without each URL's line, even when it
 * ended before a restart), the summaries kept of a job, newest first, and an ended run found by its summary when it is
 * no longer in memory.
 */
final class Summaries {
  private Summaries() {
  }

  /** The job as {@link ManagedJob#toJson()}, with its last run and the ids of its runs from the summaries kept. */
  static JsonObject job(JobBoard board, ManagedJob job) {
    JsonObject json = job.toJson();
    RunHistory history = board.keep.history();
    RunSummary last = history.last(job.name());
    if (last != null) {
      json.put("lastRun", last.brief());
      List<RunSummary> kept = history.list(job.name(), Defaults.SUMMARIES_KEPT);
      JsonArray ids = new JsonArray();
      for (int i = kept.size() - 1; i >= 0; i--) {
        ids.add(kept.get(i).id());
      }
      json.put("runs", ids);
    }
    return json;
  }

  /** GET /jobs/{name}/runs[?limit=N]: the job's summaries kept, newest first. */
  static JsonObject list(JobBoard board, RoutingContext ctx) {
    ManagedJob job = board.job(ctx.pathParam("name"));
    int limit = Defaults.SUMMARIES_KEPT;
    String given = ctx.queryParams().get("limit");
    if (given != null) {
      try {
        limit = Integer.parseInt(given);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1) {
        throw new ApiError(400, "limit: '" + given + "' is not a whole number of runs of at least 1");
      }
    }
    JsonArray runs = new JsonArray();
    board.keep.history().list(job.name(), limit).forEach(s -> runs.add(s.toJson()));
    return new JsonObject().put("job", job.name()).put("runs", runs);
  }

  /** GET /runs/{id}: a run under way (its progress), else its summary, else the run as kept in memory; 404. */
  static JsonObject run(JobBoard board, String id) {
    RunEntry entry = entry(board, id);
    if (entry != null && entry.running()) {
      return entry.toJson();
    }
    RunSummary summary = board.keep.history().find(id);
    if (summary != null) {
      return summary.toJson();
    }
    return board.run(id).toJson(); // 404 when unknown
  }

  /** The run in memory (under way, or among the last few of its job), or null. */
  static RunEntry entry(JobBoard board, String id) {
    try {
      return board.run(id);
    } catch (ApiError e) {
      return null;
    }
  }
}
