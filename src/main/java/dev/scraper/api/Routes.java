package dev.scraper.api;

import dev.scraper.cluster.NodeRegistry;
import dev.scraper.config.AddedJob;
import dev.scraper.config.ConfigException;
import dev.scraper.config.Defaults;
import dev.scraper.config.HttpSpec;
import dev.scraper.config.JobSpec;
import dev.scraper.history.RunSummary;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** The endpoints: what each does with the jobs and runs of the {@link JobBoard}. On the engine's event loop. */
final class Routes {
  private final Vertx vertx;
  private final HttpSpec spec;
  private final JobBoard board;
  private final ApiMetrics metrics;
  private final NodeRegistry nodes;

  Routes(Vertx vertx, HttpSpec spec, JobBoard board, ApiMetrics metrics, NodeRegistry nodes) {
    this.vertx = vertx;
    this.spec = spec;
    this.board = board;
    this.metrics = metrics;
    this.nodes = nodes;
  }

  void mount(Router r) {
    r.get("/metrics").handler(ctx -> ctx.response().putHeader("content-type", "text/plain; version=0.0.4; "
        + "charset=utf-8").end(metrics.scrape()));
    r.get("/nodes").handler(this::nodes);
    r.get("/jobs").handler(this::jobs);
    r.post("/jobs").handler(this::addJob);
    r.get("/jobs/:name").handler(ctx -> ApiServer.send(ctx, 200,
        Summaries.job(board, board.job(ctx.pathParam("name")))));
    r.delete("/jobs/:name").handler(this::removeJob);
    r.post("/jobs/:name/runs").handler(this::runNow);
    r.get("/jobs/:name/runs").handler(ctx -> ApiServer.send(ctx, 200, Summaries.list(board, ctx)));
    r.get("/runs/:id").handler(ctx -> ApiServer.send(ctx, 200, Summaries.run(board, ctx.pathParam("id"))));
    r.delete("/runs/:id").handler(this::cancel);
    r.get("/runs/:id/records").handler(this::records);
  }

  /** Every node of the cluster (this one alone without -cluster), this one first, with its load. */
  private void nodes(RoutingContext ctx) {
    nodes.list().onSuccess(list -> ApiServer.send(ctx, 200, new JsonObject().put("nodes", new JsonArray(list))))
        .onFailure(e -> fail(ctx, new ApiError(503, "the cluster's list of nodes cannot be read now: "
            + e.getMessage())));
  }

  private void jobs(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    board.jobs().forEach(j -> list.add(Summaries.job(board, j)));
    ApiServer.send(ctx, 200, new JsonObject().put("jobs", list));
  }

  /** 201 with the job; 400 naming each invalid field; 409 for a name or output file already taken. */
  private void addJob(RoutingContext ctx) {
    if (board.jobs().size() >= Defaults.HTTP_MAX_JOBS) { // each job holds its summaries and outputs open
      throw new ApiError(409, "the process has " + board.jobs().size() + " jobs, the most it takes ("
          + Defaults.HTTP_MAX_JOBS + "); DELETE /jobs/{name} one first, or run another process");
    }
    JsonObject json;
    try {
      json = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      throw new ApiError(400, "the body must be a job as a JSON object, as in conf.json's \"jobs\": "
          + e.getMessage());
    }
    if (json == null) {
      throw new ApiError(400, "the body must be a job as a JSON object, as in conf.json's \"jobs\"; it is empty");
    }
    JobSpec job;
    try {
      job = AddedJob.read(json, spec);
    } catch (ConfigException e) {
      ApiServer.send(ctx, 400, new JsonObject().put("error", "the job is invalid: " + String.join("; ",
          e.problems())).put("problems", new JsonArray(e.problems())));
      return;
    }
    board.add(List.of(job), false).onSuccess(v -> {
      if (board.keep.apiJobs() != null) {
        board.keep.apiJobs().put(job.name(), json);
      }
      ApiServer.send(ctx, 201, Summaries.job(board, board.job(job.name())));
    })
        .onFailure(e -> fail(ctx, e instanceof ApiError ? e : new ApiError(409, e.getMessage())));
  }

  private void removeJob(RoutingContext ctx) {
    RunEntry going = board.remove(ctx.pathParam("name"));
    if (board.keep.apiJobs() != null) {
      board.keep.apiJobs().remove(ctx.pathParam("name"));
    }
    ApiServer.send(ctx, 200, new JsonObject().put("removed", ctx.pathParam("name"))
        .put("runGoesOn", going == null ? null : going.id()));
  }

  /** 202 with the run (its id, to follow at /runs/{id}); 409 while one goes. */
  private void runNow(RoutingContext ctx) {
    board.start(board.job(ctx.pathParam("name")), null)
        .onSuccess(started -> {
          ctx.response().putHeader("Location", "/runs/" + started.entry().id());
          ApiServer.send(ctx, 202, started.entry().toJson());
        })
        .onFailure(e -> fail(ctx, e instanceof ApiError ? e : new ApiError(409, "not run: " + e.getMessage())));
  }

  private void cancel(RoutingContext ctx) {
    RunSummary old = board.keep.history().find(ctx.pathParam("id"));
    if (old != null && Summaries.entry(board, old.id()) == null) {
      throw new ApiError(409, "run " + old.id() + " has already ended");
    }
    RunEntry run = board.run(ctx.pathParam("id"));
    if (!run.cancel()) {
      throw new ApiError(409, "run " + run.id() + " has already ended");
    }
    ApiServer.send(ctx, 202, run.toJson());
  }

  /**
   * While the run goes: the records it kept (its last ones), then each as it comes, until its end. Once it ended:
   * read back from its output file, or 410 when that is stdout or gone.
   */
  private void records(RoutingContext ctx) {
    RunSummary old = board.keep.history().find(ctx.pathParam("id"));
    if (old != null && Summaries.entry(board, old.id()) == null) { // ended, known by its summary only
      String output = old.toJson().getString("output");
      if ("-".equals(output)) {
        throw new ApiError(410, "the records of run " + old.id() + " went to stdout and are not kept");
      }
      RecordFile.send(vertx, java.nio.file.Path.of(output), old.id(), ctx.response()).onFailure(e -> fail(ctx, e));
      return;
    }
    RunEntry run = board.run(ctx.pathParam("id"));
    if (run.running()) {
      run.follow(new RecordStream(ctx.response()));
      return;
    }
    if (run.output() == null) {
      throw new ApiError(410, "the records of run " + run.id() + " went to stdout and are not kept; read them "
          + "while the run goes, or give the job an output file");
    }
    RecordFile.send(vertx, run.output(), run.id(), ctx.response()).onFailure(e -> fail(ctx, e));
  }

  private static void fail(RoutingContext ctx, Throwable e) {
    ApiError api = e instanceof ApiError a ? a : new ApiError(500, String.valueOf(e));
    ApiServer.error(ctx, api.status, api.getMessage());
  }
}
