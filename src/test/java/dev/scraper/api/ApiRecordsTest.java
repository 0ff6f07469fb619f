package dev.scraper.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.TestSite;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /runs/{id}/records while the run goes: the records come as JSON lines as each URL is done, before the run
 * ends (one page of the run is held by the site until the test lets it go), and the response ends with the run.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApiRecordsTest {
  @TempDir
  static Path dir;
  static Vertx vertx;
  static TestSite site;
  static ApiHarness api;
  static final Queue<HttpServerRequest> held = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    site = ApiHarness.await(TestSite.start(vertx));
    site.route("/held", held::add);
    api = ApiHarness.start(vertx, new JsonObject().put("defaults", new JsonObject().put("robotsTxt", false))
        .put("jobs", new JsonArray()), dir, null);
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      ApiHarness.await(vertx.close());
    }
  }

  @Test
  void recordsArriveWhileTheRunGoesAndTheStreamEndsWithIt() throws Exception {
    JsonObject job = ApiTest.job("stream", "stream-{run}.jsonl", site.url("/page/1.html"), site.url("/page/2.html"),
        site.url("/held"));
    assertEquals(201, api.post("/jobs", job).statusCode());
    String id = api.json(HttpMethod.POST, "/jobs/stream/runs", 202).getString("id");
    ApiHarness.until("the held page to be asked for", () -> !held.isEmpty());

    HttpClient http = vertx.createHttpClient();
    StringBuffer got = new StringBuffer();
    AtomicBoolean ended = new AtomicBoolean();
    HttpClientResponse response = ApiHarness.await(http.request(HttpMethod.GET, api.port, "127.0.0.1",
        "/runs/" + id + "/records").compose(req -> req.send()).onSuccess(r -> {
          r.handler(b -> got.append(b.toString())); // set on the event loop, before any chunk can come
          r.endHandler(v -> ended.set(true));
        }));
    assertEquals(200, response.statusCode());
    assertEquals("application/x-ndjson", response.getHeader("content-type"));
    ApiHarness.until("the two pages' records before the run ends", () -> got.toString().lines().count() == 2);
    assertEquals("running", api.json(HttpMethod.GET, "/runs/" + id, 200).getString("state"));
    assertTrue(!ended.get());

    HttpServerRequest page = held.poll();
    page.response().putHeader("content-type", "text/html").end("<html><h1>Held</h1></html>");
    ApiHarness.until("the stream to end with the run", ended::get);
    List<String> lines = got.toString().lines().toList();
    assertEquals(3, lines.size(), got.toString());
    for (String line : lines) {
      assertEquals(id, new JsonObject(line).getString("run"));
    }
    assertEquals("Held", new JsonObject(lines.get(2)).getJsonObject("fields").getString("title"));
    assertEquals("done", api.ended(id).getString("state"));
    // the same records, read back from the run's own file
    Buffer again = api.call(HttpMethod.GET, "/runs/" + id + "/records").body();
    assertEquals(3, again.toString().lines().count());
    http.close();
  }

  @Test
  void recordsOfARunWrittenToStdoutAreGoneOnceItEnded() throws Exception {
    assertEquals(201, api.post("/jobs", ApiTest.job("tostdout", "-", site.url("/page/7.html"))).statusCode());
    String id = api.json(HttpMethod.POST, "/jobs/tostdout/runs", 202).getString("id");
    api.ended(id);
    assertTrue(api.json(HttpMethod.GET, "/runs/" + id + "/records", 410).getString("error").contains("stdout"));
  }
}
