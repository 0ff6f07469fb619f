package dev.scraper.api;

import dev.scraper.config.ReloadRefused;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * {@code POST /reload}: 200 with what changed; 400 with the problems of an invalid config (each naming its field);
 * 409 when the config cannot be read again or applied. The running config is kept unless the answer is 200.
 */
final class ReloadRoute implements Handler<RoutingContext> {
  /** What a reload does; null until the app says (then 409: nothing to reload). */
  private volatile Supplier<Future<JsonObject>> reload;

  void reloadWith(Supplier<Future<JsonObject>> reload) {
    this.reload = reload;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Supplier<Future<JsonObject>> r = reload;
    if (r == null) {
      ApiServer.error(ctx, 409, "this process cannot reload its config (it was not started from a config file)");
      return;
    }
    r.get().onSuccess(changes -> ApiServer.send(ctx, 200, changes)).onFailure(e -> {
      if (e instanceof ReloadRefused refused) {
        JsonObject body = new JsonObject().put("error", "the running config is kept: " + refused.getMessage());
        if (!refused.problems().isEmpty()) {
          body.put("problems", new JsonArray(refused.problems()));
        }
        ApiServer.send(ctx, refused.status(), body);
      } else {
        ApiServer.error(ctx, 500, "internal error: " + e);
      }
    });
  }
}
