package dev.scraper.api;

import dev.scraper.config.Defaults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.TestSite;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The management API's endpoints through real HTTP requests: jobs, runs, errors, the token, the body limit. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApiTest {
  static final String TOKEN = "0123456789abcdef-test-token";
  @TempDir
  static Path dir;
  static Vertx vertx;
  static TestSite site;
  static ApiHarness api;
  static ApiHarness locked;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    site = ApiHarness.await(TestSite.start(vertx));
    JsonObject config = new JsonObject().put("outputDir", "out").put("defaults", new JsonObject()
        .put("robotsTxt", false).put("retries", 0)).put("jobs", new JsonArray()
        .add(job("books", "books.jsonl", site.url("/page/1.html"), site.url("/page/2.html")))
        .add(job("hourly", "hourly-{run}.jsonl", site.url("/page/3.html"))
            .put("schedule", new JsonObject().put("every", "1h"))));
    api = ApiHarness.start(vertx, config, dir, null);
    locked = ApiHarness.start(vertx, new JsonObject().put("outputDir", "out2"), dir, TOKEN);
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      ApiHarness.await(vertx.close());
    }
  }

  static JsonObject job(String name, String output, String... urls) {
    return new JsonObject().put("name", name).put("urls", new JsonArray(List.of((Object[]) urls)))
        .put("extract", new JsonObject().put("title", "h1")).put("output", new JsonObject().put("path", output));
  }

  @Test
  void healthIsOpenAndEveryOtherPathNeedsTheToken() throws Exception {
    HttpResponse<Buffer> health = ApiHarness.await(locked.client.get(locked.port, "127.0.0.1", "/health").send());
    assertEquals(200, health.statusCode());
    assertEquals("ok", health.bodyAsJsonObject().getString("status"));
    for (String path : List.of("/jobs", "/metrics", "/runs/x", "/nowhere")) {
      HttpResponse<Buffer> none = ApiHarness.await(locked.client.get(locked.port, "127.0.0.1", path).send());
      assertEquals(401, none.statusCode(), path);
      assertTrue(none.bodyAsJsonObject().getString("error").contains("Authorization: Bearer"), path);
    }
    HttpResponse<Buffer> wrong = ApiHarness.await(locked.client.get(locked.port, "127.0.0.1", "/jobs")
        .bearerTokenAuthentication(TOKEN + "x").send());
    assertEquals(401, wrong.statusCode());
    assertEquals(List.of(), locked.json(HttpMethod.GET, "/jobs", 200).getJsonArray("jobs").getList());
  }

  @Test
  void unknownPathsAndNames404WrongMethods405() throws Exception {
    assertTrue(api.json(HttpMethod.GET, "/nowhere", 404).getString("error").contains("no such path"));
    assertTrue(api.json(HttpMethod.GET, "/jobs/nobody", 404).getString("error").contains("no job named 'nobody'"));
    assertTrue(api.json(HttpMethod.GET, "/runs/none", 404).getString("error").contains("no run 'none'"));
    assertTrue(api.json(HttpMethod.DELETE, "/runs/none", 404).containsKey("error"));
    assertTrue(api.json(HttpMethod.POST, "/jobs/nobody/runs", 404).containsKey("error"));
    assertTrue(api.json(HttpMethod.PUT, "/jobs", 405).getString("error").contains("PUT is not allowed"));
    assertTrue(api.json(HttpMethod.POST, "/health", 405).containsKey("error"));
  }

  @Test
  void thereIsAMostJobsAProcessTakesAndPastItPostJobsIs409SayingWhatToDo() throws Exception {
    List<String> added = new java.util.ArrayList<>();
    try {
      for (int i = api.json(HttpMethod.GET, "/jobs", 200).getJsonArray("jobs").size(); i < Defaults.HTTP_MAX_JOBS;
          i++) {
        HttpResponse<Buffer> r = api.post("/jobs", job("many" + i, "many" + i + "-{run}.jsonl",
            site.url("/page/1.html")));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        added.add("many" + i);
      }
      HttpResponse<Buffer> over = api.post("/jobs", job("oneTooMany", "over-{run}.jsonl", site.url("/page/1.html")));
      assertEquals(409, over.statusCode(), over.bodyAsString());
      assertTrue(over.bodyAsJsonObject().getString("error").contains("the most it takes (" + Defaults.HTTP_MAX_JOBS
          + "); DELETE /jobs/{name} one first"), over.bodyAsString());
      api.json(HttpMethod.DELETE, "/jobs/" + added.remove(0), 200);
      assertEquals(201, api.post("/jobs", job("oneTooMany", "over-{run}.jsonl", site.url("/page/1.html")))
          .statusCode());
      added.add("oneTooMany");
    } finally { // the other tests share this API
      for (String name : added) {
        api.call(HttpMethod.DELETE, "/jobs/" + name);
      }
    }
  }

  @Test
  void aBodyOverOneMebibyteIs413() throws Exception {
    JsonObject big = job("big", "big.jsonl", site.url("/page/1.html")).put("pad", "x".repeat(1_100_000));
    HttpResponse<Buffer> r = api.post("/jobs", big);
    assertEquals(413, r.statusCode(), r.bodyAsString());
    assertTrue(r.bodyAsJsonObject().getString("error").contains("over 1048576 bytes"));
  }

  @Test
  void anInvalidJobIs400NamingEachFieldAndAnOutputOutsideOutputDirIsRefused() throws Exception {
    JsonObject bad = job("a b", "../../escape.jsonl", "ftp://x/").put("concurency", 3);
    HttpResponse<Buffer> r = api.post("/jobs", bad);
    assertEquals(400, r.statusCode());
    List<Object> problems = r.bodyAsJsonObject().getJsonArray("problems").getList();
    assertEquals(List.of("name: 'a b' may only contain letters, digits, '_' and '-'; use a name such as \"a-b\"",
        "urls[0]: 'ftp://x/' is not an http or https URL",
        "output.path: '../../escape.jsonl' leaves the output directory '" + dir.resolve("out")
            + "'; use a path inside it or set \"outputDir\"",
        "concurency: unknown key 'concurency'; did you mean 'concurrency'?"), problems);
    HttpResponse<Buffer> notJson = ApiHarness.await(api.request(HttpMethod.POST, "/jobs")
        .sendBuffer(Buffer.buffer("{nope")));
    assertEquals(400, notJson.statusCode());
    assertTrue(notJson.bodyAsJsonObject().getString("error").startsWith("the body must be a job"));
  }

  @Test
  void theConfigJobsAreListedWithScheduleNextSlotAndLastRun() throws Exception {
    ApiHarness.until("the config's one-shot job to end", () -> {
      try {
        return api.json(HttpMethod.GET, "/jobs/books", 200).getValue("lastRun") != null;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    JsonArray jobs = api.json(HttpMethod.GET, "/jobs", 200).getJsonArray("jobs");
    JsonObject books = jobs.getJsonObject(0);
    assertEquals("books", books.getString("name"));
    assertNull(books.getValue("schedule"));
    JsonObject last = books.getJsonObject("lastRun");
    assertEquals("done", last.getString("state"));
    assertEquals(2, last.getInteger("urls"));
    assertEquals(2, last.getInteger("ok"));
    JsonObject hourly = jobs.getJsonObject(1);
    assertEquals("every 1h", hourly.getString("schedule"));
    assertNotNull(hourly.getString("nextRun"));
    assertNull(hourly.getValue("lastRun"));
  }

  @Test
  void aJobAddedRunsOnRequestOneRunAtATimeAndIsRemoved() throws Exception {
    HttpResponse<Buffer> added = api.post("/jobs", job("added", "added.jsonl", site.url("/page/5.html"),
        site.url("/slow?ms=300")));
    assertEquals(201, added.statusCode(), added.bodyAsString());
    assertNull(added.bodyAsJsonObject().getValue("running"), "added jobs wait to be asked");
    assertEquals(409, api.post("/jobs", job("added", "other.jsonl", site.url("/page/1.html"))).statusCode());
    HttpResponse<Buffer> sameFile = api.post("/jobs", job("other", "added.jsonl", site.url("/page/1.html")));
    assertEquals(409, sameFile.statusCode());
    assertTrue(sameFile.bodyAsJsonObject().getString("error").startsWith("output.path: "));

    JsonObject run = api.json(HttpMethod.POST, "/jobs/added/runs", 202);
    String id = run.getString("id");
    assertEquals("running", run.getString("state"));
    assertTrue(api.json(HttpMethod.POST, "/jobs/added/runs", 409).getString("error").contains(id));
    JsonObject done = api.ended(id);
    assertEquals("done", done.getString("state"));
    assertEquals(2, done.getInteger("ok"));
    assertTrue(Files.readString(dir.resolve("out/added.jsonl")).contains(id));
    // read back from the output file once the run ended
    String records = api.call(HttpMethod.GET, "/runs/" + id + "/records").bodyAsString();
    assertEquals(2, records.lines().count(), records);
    records.lines().forEach(l -> assertEquals(id, new JsonObject(l).getString("run")));
    assertEquals(409, api.call(HttpMethod.DELETE, "/runs/" + id).statusCode());

    JsonObject removed = api.json(HttpMethod.DELETE, "/jobs/added", 200);
    assertEquals("added", removed.getString("removed"));
    assertEquals(404, api.call(HttpMethod.GET, "/jobs/added").statusCode());
    assertEquals(404, api.call(HttpMethod.DELETE, "/jobs/added").statusCode());
  }

  @Test
  void aRunCancelledGivesCancelledRecords() throws Exception {
    assertEquals(201, api.post("/jobs", job("cancelme", "cancel.jsonl", site.url("/slow?ms=20000"))).statusCode());
    String id = api.json(HttpMethod.POST, "/jobs/cancelme/runs", 202).getString("id");
    JsonObject cancelled = api.json(HttpMethod.DELETE, "/runs/" + id, 202);
    assertEquals(id, cancelled.getString("id"));
    JsonObject end = api.ended(id);
    assertEquals("cancelled", end.getString("state"));
    assertEquals(1L, end.getJsonObject("errors").getLong("cancelled"));
  }

  @Test
  void aScheduledJobAddedRunsAtItsSlotsCountsSkippedSlotsAndARunGoesOnAfterItsRemoval() throws Exception {
    JsonObject ticking = job("ticking", "ticking.jsonl", site.url("/slow?ms=1500"))
        .put("schedule", new JsonObject().put("every", "1s"));
    JsonObject added = api.post("/jobs", ticking).bodyAsJsonObject();
    assertEquals("every 1s", added.getString("schedule"));
    assertNotNull(added.getString("nextRun"));
    JsonObject[] job = new JsonObject[1];
    ApiHarness.until("a first run at a slot, ended", () -> {
      try {
        job[0] = api.json(HttpMethod.GET, "/jobs/ticking", 200);
        return job[0].getValue("lastRun") != null;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    assertEquals(1L, job[0].getJsonObject("lastRun").getLong("ok"));
    String metrics = api.call(HttpMethod.GET, "/metrics").bodyAsString();
    assertTrue(metrics.matches("(?s).*scraper_schedule_skipped_total\\{job=\"ticking\",node=\"[^\"]+\"\\} [1-9].*"),
        metrics);
    ApiHarness.until("a second run under way", () -> {
      try {
        job[0] = api.json(HttpMethod.GET, "/jobs/ticking", 200);
        return job[0].getValue("running") != null;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    String going = job[0].getJsonObject("running").getString("id");
    assertEquals(going, api.json(HttpMethod.DELETE, "/jobs/ticking", 200).getString("runGoesOn"));
    Path file = dir.resolve("out/ticking.jsonl");
    ApiHarness.until("the run going at the removal to end with its record", () -> {
      try {
        return Files.readString(file).contains(going);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  @Test
  void anEndedRunsSummaryHasStatusCountsHostLatenciesEachUrlAndHowItEnded() throws Exception {
    JsonObject slow = job("overtime", "overtime.jsonl", site.url("/page/6.html"), site.url("/slow?ms=20000"))
        .put("maxRunMs", 500);
    assertEquals(201, api.post("/jobs", slow).statusCode());
    String id = api.json(HttpMethod.POST, "/jobs/overtime/runs", 202).getString("id");
    JsonObject end = api.ended(id);
    assertEquals("done", end.getString("state"));
    assertEquals("maxRunMs", end.getString("ended"));
    assertEquals(1L, end.getJsonObject("errors").getLong("cancelled"));
    assertEquals(1L, end.getJsonObject("statuses").getLong("2xx"));
    assertEquals(1L, end.getJsonObject("statuses").getLong("none"));
    assertEquals(1L, end.getJsonObject("statusCodes").getLong("200"));
    JsonArray perUrl = end.getJsonArray("perUrl");
    assertEquals(2, perUrl.size());
    assertTrue(perUrl.stream().map(o -> (JsonObject) o).anyMatch(u -> "cancelled".equals(u.getString("error"))
        && u.getValue("status") == null), perUrl.encode());
    JsonObject host = end.getJsonArray("hosts").getJsonObject(0);
    assertTrue(host.getString("host").startsWith("127.0.0.1:"), host.encode());
    assertTrue(host.getLong("count") >= 1);
    JsonObject listed = api.json(HttpMethod.GET, "/jobs/overtime", 200).getJsonObject("lastRun");
    assertEquals(id, listed.getString("id"));
    assertNull(listed.getValue("perUrl"));
    assertEquals(List.of(id), api.json(HttpMethod.GET, "/jobs/overtime/runs", 200).getJsonArray("runs").stream()
        .map(o -> ((JsonObject) o).getString("id")).toList());
    assertEquals(404, api.call(HttpMethod.GET, "/jobs/nobody/runs").statusCode());
    api.json(HttpMethod.DELETE, "/jobs/overtime", 200);
  }
}
