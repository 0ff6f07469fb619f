package dev.scraper.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.scraper.cluster.ClusterNode;
import dev.scraper.cluster.Clusters;
import dev.scraper.config.LentJob;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node fetches a URL of another node's run as that node asks (the owner's side is {@link Sharing}): it wants the
 * job first, answers with the record, and tells the owner at once when a host asks to slow down, so that the owner,
 * which paces the host for the whole cluster, holds the host's next URLs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LendingTest {
  private static List<Vertx> nodes;
  private static Vertx site;
  private static int port;
  private static final AtomicInteger hits = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    site = Vertx.vertx();
    port = site.createHttpServer().requestHandler(req -> {
      if (hits.incrementAndGet() == 1) {
        req.response().setStatusCode(503).putHeader("Retry-After", "1").end("busy");
      } else {
        req.response().putHeader("Content-Type", "text/html").end("<html><body><h1>fine</h1></body></html>");
      }
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    nodes = Clusters.start(2);
    Engine lender = new Engine(16L << 20);
    lender.cluster(ClusterNode.of(nodes.get(1), "lender"), null);
    nodes.get(1).deployVerticle(lender).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    Clusters.close(nodes);
    site.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static JsonObject job() {
    JsonObject job = new JsonObject().put("name", "lent").put("urls", new JsonArray().add("http://127.0.0.1:1/"))
        .put("retries", 1).put("maxRetryAfterMs", 2000).put("extract", new JsonObject().put("title", "h1"))
        .put("output", new JsonObject().put("path", "lent.jsonl"));
    return new JsonObject().put("jobs", new JsonArray().add(job));
  }

  @Test
  void aUrlIsFetchedForTheOwnerWhichHearsAtOnceThatItsHostAskedToSlowDown() throws Exception {
    ClusterNode owner = ClusterNode.of(nodes.get(0), "owner");
    ClusterNode lender = ClusterNode.of(nodes.get(1));
    CompletableFuture<JsonArray> slowDown = new CompletableFuture<>();
    nodes.get(0).eventBus().<JsonArray>consumer(Lending.heardAt(owner.id()), m -> slowDown.complete(m.body()))
        .completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    String url = "http://127.0.0.1:" + port + "/page";
    JsonObject q = new JsonObject().put("given", url).put("url", url).put("depth", 0).put("queuedMs", 5)
        .put("headers", new JsonObject()).put("run", "r1").put("epoch", 7).put("from", owner.id());
    // without the job, the lender asks for it
    ExecutionException noJob = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> nodes
        .get(0).eventBus().request(Lending.address(lender.id()), q.copy()).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS));
    assertEquals(Lending.NEED_JOB, ((ReplyException) noJob.getCause()).failureCode());
    JsonObject answer = (JsonObject) nodes.get(0).eventBus()
        .request(Lending.address(lender.id()), q.copy().put("lent", LentJob.of(job())))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).body();
    JsonArray heard = slowDown.get(30, TimeUnit.SECONDS);
    assertEquals("http://127.0.0.1:" + port, heard.getString(0));
    assertEquals(503, heard.getInteger(1));
    assertEquals(1000L, heard.getLong(3));
    assertEquals(7L, answer.getLong("epoch"));
    assertEquals("lender", answer.getString("node"));
    JsonObject record = answer.getJsonObject("record");
    assertEquals(200, record.getInteger("status"));
    assertEquals("fine", record.getJsonObject("fields").getString("title"));
    assertEquals("r1", record.getString("run"));
    assertEquals(2, record.getInteger("attempts"));
    assertNotNull(answer.getJsonObject("fetch"));
  }
}
