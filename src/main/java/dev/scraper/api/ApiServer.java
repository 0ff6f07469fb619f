package dev.scraper.api;

import dev.scraper.cluster.NodeRegistry;
import dev.scraper.config.Defaults;
import dev.scraper.config.HttpSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The HTTP side of the management API: the router, the token check, the body limit and the JSON errors. Listens
 * from the engine's context, so every handler runs on the engine's event loop, where the jobs and runs live.
 * {@code /health} and the {@link Dashboard}'s files are open; with a token every other path asks for
 * {@code Authorization: Bearer <token>}, compared in constant time. Errors are {@code {"error": "..."}}: 400 bad
 * input, 401 no or wrong token, 404 unknown path or name, 405 wrong method, 409 conflict, 410 records gone, 413 body
 * over {@link Defaults#HTTP_BODY_LIMIT_BYTES}.
 */
final class ApiServer {
  private final Vertx vertx;
  private final HttpSpec spec;
  private final Routes routes;
  private final ReloadRoute reload = new ReloadRoute();
  private HttpServer server;

  ApiServer(Vertx vertx, HttpSpec spec, JobBoard board, ApiMetrics metrics, NodeRegistry nodes) {
    this.vertx = vertx;
    this.spec = spec;
    this.routes = new Routes(vertx, spec, board, metrics, nodes);
  }

  /** Completes with the port listened on. */
  Future<Integer> listen() {
    server = vertx.createHttpServer(new HttpServerOptions().setHost(spec.host()).setPort(spec.port()));
    return Dashboard.load(vertx).compose(dashboard -> server.requestHandler(router(dashboard)).listen()
        .recover(e -> Future.failedFuture(new ApiFailure(ApiFailure.LISTEN, "the management API cannot listen on "
            + spec.host() + ":" + spec.port() + ": " + e.getMessage() + "; give another \"http.port\""))))
        .map(HttpServer::actualPort);
  }

  ReloadRoute reloadRoute() {
    return reload;
  }

  Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private Router router(Dashboard dashboard) {
    Router r = Router.router(vertx);
    r.get().handler(dashboard::serve); // the dashboard's files: public, they hold no data
    r.get("/health").handler(ctx -> send(ctx, 200, new JsonObject().put("status", "ok")));
    r.route("/health").handler(ctx -> error(ctx, 405, ctx.request().method() + " is not allowed on /health"));
    if (spec.token() != null) {
      byte[] expected = ("Bearer " + spec.token()).getBytes(StandardCharsets.UTF_8);
      r.route().handler(ctx -> authorize(ctx, expected));
    }
    r.route().handler(BodyHandler.create(false).setBodyLimit(Defaults.HTTP_BODY_LIMIT_BYTES));
    routes.mount(r);
    r.post("/reload").handler(reload);
    r.route().failureHandler(this::failed);
    r.errorHandler(404, ctx -> error(ctx, 404, "no such path: " + ctx.request().path()
        + "; the API has / (the dashboard), /health, /metrics, /nodes, /jobs, /jobs/{name}, /jobs/{name}/runs,"
        + " /runs/{id}, /runs/{id}/records, /reload"));
    r.errorHandler(405, ctx -> error(ctx, 405, ctx.request().method() + " is not allowed on "
        + ctx.request().path()));
    r.errorHandler(500, this::failed);
    return r;
  }

  /** Constant time: the comparison takes as long whatever prefix of the token is right. */
  private static void authorize(RoutingContext ctx, byte[] expected) {
    String given = ctx.request().getHeader("Authorization");
    if (given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected)) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("WWW-Authenticate", "Bearer");
    error(ctx, 401, given == null ? "this endpoint needs the header Authorization: Bearer <http.token>"
        : "wrong token in Authorization");
  }

  private void failed(RoutingContext ctx) {
    Throwable e = ctx.failure();
    if (e instanceof ApiError api) {
      error(ctx, api.status, api.getMessage());
    } else if (ctx.statusCode() == 413) {
      error(ctx, 413, "the request body is over " + Defaults.HTTP_BODY_LIMIT_BYTES + " bytes");
    } else if (ctx.statusCode() > 0 && ctx.statusCode() < 500) {
      error(ctx, ctx.statusCode(), e == null ? "bad request" : e.getMessage());
    } else {
      error(ctx, 500, "internal error: " + e);
    }
  }

  static void error(RoutingContext ctx, int status, String message) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    send(ctx, status, new JsonObject().put("error", message));
  }

  static void send(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(body.encodePrettily() + "\n");
  }
}
