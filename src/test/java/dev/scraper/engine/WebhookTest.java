package dev.scraper.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.config.ConfigReader;
import dev.scraper.config.ScraperConfig;
import dev.scraper.testing.TestSite;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code notify.webhook}: a local receiver gets exactly each run's changed records, a failed POST tried again. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class WebhookTest {
  @TempDir
  Path dir;
  private final Map<String, String> titles = new ConcurrentHashMap<>();
  /** The records received so far, in order, and a promise per count awaited. */
  private final List<JsonObject> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger posts = new AtomicInteger();
  private volatile int awaited;
  private volatile Promise<Void> arrived;

  private ScraperConfig config(TestSite site) {
    JsonArray urls = new JsonArray();
    for (String p : titles.keySet().stream().sorted().toList()) {
      urls.add(site.url(p));
    }
    return ConfigReader.read(EngineRun.oneJob(new JsonObject().put("name", "hooked").put("urls", urls)
        .put("extract", new JsonObject().put("title", "h1"))
        .put("notify", new JsonObject().put("webhook", site.url("/hook")))), dir);
  }

  private io.vertx.core.Future<Void> await(int total) {
    awaited = total;
    arrived = Promise.promise();
    if (received.size() >= total) {
      arrived.tryComplete();
    }
    return arrived.future();
  }

  @Test
  void eachRunPostsItsChangedRecordsOnly(Vertx vertx, VertxTestContext ctx) {
    for (int i = 1; i <= 3; i++) {
      titles.put("/p" + i, "title " + i);
    }
    Engine engine = new Engine(64L << 20);
    TestSite.start(vertx).compose(site -> {
      for (String p : titles.keySet()) {
        site.route(p, req -> req.response().putHeader("Content-Type", "text/html")
            .end("<h1>" + titles.get(req.path()) + "</h1>"));
      }
      site.route("/hook", req -> req.body().onSuccess(body -> {
        if (posts.incrementAndGet() == 1) {
          req.response().setStatusCode(503).end(); // the first POST fails: the batch is sent again
          return;
        }
        assertEquals("application/x-ndjson", req.getHeader("Content-Type"));
        for (String line : body.toString().split("\n")) {
          received.add(new JsonObject(line));
        }
        req.response().setStatusCode(204).end();
        if (arrived != null && received.size() >= awaited) {
          arrived.tryComplete();
        }
      }));
      return vertx.deployVerticle(engine)
          .compose(id -> EngineRun.run(vertx, engine, config(site)))
          .compose(first -> await(3))
          .compose(x -> {
            ctx.verify(() -> {
              assertEquals(3, received.size(), "every record of a first run is a change");
              assertTrue(posts.get() >= 2, "the failed POST was tried again");
            });
            titles.put("/p2", "a new title");
            return EngineRun.run(vertx, engine, config(site));
          })
          .compose(second -> await(4).map(second))
          .compose(second -> vertx.undeploy(engine.deploymentID()).map(second)) // waits for the last batches
          .map(second -> {
            ctx.verify(() -> {
              assertEquals(4, received.size(), "only the changed record of the second run: " + received);
              JsonObject last = received.get(3);
              assertEquals(site.url("/p2"), last.getString("url"));
              assertEquals("a new title", last.getJsonObject("fields").getString("title"));
              assertEquals(second.results.get(0).runId(), last.getString("run"));
            });
            return second;
          });
    }).onComplete(ctx.succeedingThenComplete());
  }
}
