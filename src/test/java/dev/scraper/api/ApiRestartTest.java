package dev.scraper.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.state.ChangeFile;
import dev.scraper.state.KnownUrl;
import dev.scraper.testing.TestSite;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process with the management API and a dataDir, stopped and started again (a new Vert.x, engine and API on the
 * same dataDir): run summaries, change state and the last slot of each scheduled job are read back.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ApiRestartTest {
  private static final String TAG = "\"v1\"";
  @TempDir
  Path dir;

  private static JsonObject config(TestSite site) {
    return new JsonObject().put("outputDir", "out").put("dataDir", "data")
        .put("defaults", new JsonObject().put("robotsTxt", false).put("retries", 0)).put("jobs", new JsonArray()
            .add(ApiTest.job("watch", "watch.jsonl", site.url("/tagged"), site.url("/page/1.html")))
            .add(ApiTest.job("hourly", "hourly.jsonl", site.url("/page/2.html"))
                .put("schedule", new JsonObject().put("every", "1h")))
            .add(ApiTest.job("tick", "tick.jsonl", site.url("/page/3.html"))
                .put("schedule", new JsonObject().put("every", "1h"))));
  }

  private static JsonObject lastRun(ApiHarness api, String job) {
    try {
      return api.json(HttpMethod.GET, "/jobs/" + job, 200).getJsonObject("lastRun");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static JsonArray runs(ApiHarness api, String query) {
    try {
      return api.json(HttpMethod.GET, "/jobs/watch/runs" + query, 200).getJsonArray("runs");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void summariesChangeStateAndMissedSlotsSurviveARestart() throws Exception {
    Vertx siteVertx = Vertx.vertx();
    try {
      TestSite site = ApiHarness.await(TestSite.start(siteVertx)).route("/tagged", req -> {
        if (TAG.equals(req.getHeader("If-None-Match"))) {
          req.response().setStatusCode(304).putHeader("ETag", TAG).end();
        } else {
          req.response().putHeader("ETag", TAG).putHeader("Content-Type", "text/html").end("<h1>tagged</h1>");
        }
      });
      String first;
      String manual;
      String addedRun;
      Vertx one = Vertx.vertx();
      try {
        ApiHarness api = ApiHarness.start(one, config(site), dir, null);
        ApiHarness.until("the one-shot job's run at start to end", () -> lastRun(api, "watch") != null);
        JsonObject last = lastRun(api, "watch");
        first = last.getString("id");
        assertEquals("done", last.getString("ended"));
        assertEquals(2L, last.getLong("changed"));
        assertFalse(last.containsKey("perUrl"), "GET /jobs leaves each URL's line out");
        JsonObject host = last.getJsonArray("hosts").getJsonObject(0);
        assertEquals(2L, host.getLong("count"));
        assertTrue(host.getString("host").startsWith("127.0.0.1:"), host.encode());
        JsonObject full = runs(api, "").getJsonObject(0);
        assertEquals(first, full.getString("id"));
        assertEquals(2, full.getJsonArray("perUrl").size());
        assertEquals(2L, full.getJsonObject("statuses").getLong("2xx"));
        manual = api.ended(api.json(HttpMethod.POST, "/jobs/hourly/runs", 202).getString("id")).getString("id");
        assertEquals(201, api.post("/jobs", ApiTest.job("added", "added.jsonl", site.url("/page/4.html"))).statusCode());
        assertEquals(201, api.post("/jobs", ApiTest.job("gone", "gone.jsonl", site.url("/page/4.html"))).statusCode());
        addedRun = api.ended(api.json(HttpMethod.POST, "/jobs/added/runs", 202).getString("id")).getString("id");
        api.json(HttpMethod.DELETE, "/jobs/gone", 200);
        api.stop();
      } finally {
        ApiHarness.await(one.close());
      }
      String runs = Files.readString(dir.resolve("data/watch/runs.jsonl"));
      assertEquals(1, runs.lines().count(), runs);
      // tick last fired a slot three hours ago: the slot after it came while the process was down
      Path slot = dir.resolve("data/tick/last-slot");
      Files.createDirectories(slot.getParent());
      Files.writeString(slot, Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS) + "\n");
      Path kept = dir.resolve("data/api-jobs.json");
      assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(kept)), "only the owner reads the jobs (their headers may hold credentials)");
      JsonObject apiJobs = new JsonObject(Files.readString(kept));
      assertEquals(List.of("added"), apiJobs.getJsonArray("jobs").stream()
          .map(o -> ((JsonObject) o).getString("name")).toList(), "the job removed is not kept");
      apiJobs.getJsonArray("jobs").add(ApiTest.job("broken", "../../out.jsonl", site.url("/page/4.html")));
      Files.writeString(kept, apiJobs.encode());

      Vertx two = Vertx.vertx();
      try {
        ApiHarness api = ApiHarness.start(two, config(site), dir, null);
        assertTrue(api.lines.stream().anyMatch(l -> l.contains("job tick missed its slot at")), api.lines.toString());
        JsonObject added = api.json(HttpMethod.GET, "/jobs/added", 200);
        assertNull(added.getValue("running"), "a job added through the API waits to be asked, after a restart too");
        assertEquals(addedRun, added.getJsonObject("lastRun").getString("id"));
        assertEquals(404, api.call(HttpMethod.GET, "/jobs/gone").statusCode());
        assertEquals(404, api.call(HttpMethod.GET, "/jobs/broken").statusCode());
        assertTrue(api.lines.stream().anyMatch(l -> l.startsWith("scraper: job broken (added through the API, kept in"
            + " api-jobs.json) is not taken on: output.path: ")), api.lines.toString());
        JsonObject hourly = api.json(HttpMethod.GET, "/jobs/hourly", 200);
        assertEquals(manual, hourly.getJsonObject("lastRun").getString("id"), "read back from runs.jsonl");
        assertEquals(List.of(manual), hourly.getJsonArray("runs").getList());
        assertEquals(first, api.json(HttpMethod.GET, "/runs/" + first, 200).getString("id"));
        String records = api.call(HttpMethod.GET, "/runs/" + first + "/records").bodyAsString();
        assertEquals(2, records.lines().count(), records);
        assertEquals(409, api.call(HttpMethod.DELETE, "/runs/" + first).statusCode());

        ApiHarness.until("the second process's run of watch to end", () -> runs(api, "").size() == 2);
        JsonArray both = runs(api, "");
        assertEquals(first, both.getJsonObject(1).getString("id"), "newest first");
        JsonObject second = both.getJsonObject(0);
        assertEquals(0L, second.getLong("changed"), second.encode());
        assertEquals(1L, second.getLong("notModified"), "the ETag kept by the first process was sent");
        assertEquals(1L, second.getJsonObject("statusCodes").getLong("304"));
        assertEquals(TAG, site.lastHeaders("/tagged").get("If-None-Match"));
        assertEquals(List.of(second.getString("id")), runs(api, "?limit=1").stream()
            .map(o -> ((JsonObject) o).getString("id")).toList());
        assertEquals(400, api.call(HttpMethod.GET, "/jobs/watch/runs?limit=zero").statusCode());
        ApiHarness.until("tick's catch-up run", () -> lastRun(api, "tick") != null);
        assertNotNull(api.json(HttpMethod.GET, "/jobs/tick", 200).getString("nextRun"));
        assertNull(api.json(HttpMethod.GET, "/jobs/tick", 200).getValue("running"));
        api.stop();
      } finally {
        ApiHarness.await(two.close());
      }
    } finally {
      ApiHarness.await(siteVertx.close());
    }
  }

  @Test
  void aJobRemovedWhileItsRunGoesOnAndAddedAgainKeepsOneHistoryAndOneChangeFile() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      TestSite site = ApiHarness.await(TestSite.start(vertx));
      JsonObject config = new JsonObject().put("outputDir", "out").put("dataDir", "data").put("jobs", new JsonArray())
          .put("defaults", new JsonObject().put("robotsTxt", false).put("retries", 0));
      ApiHarness api = ApiHarness.start(vertx, config, dir, null);
      JsonObject job = ApiTest.job("again", "again.jsonl", site.url("/slow?ms=1500"));
      assertEquals(201, api.post("/jobs", job).statusCode());
      String first = api.json(HttpMethod.POST, "/jobs/again/runs", 202).getString("id");
      assertEquals(first, api.json(HttpMethod.DELETE, "/jobs/again", 200).getString("runGoesOn"));
      // its output stays locked until that run ends: the job comes back with another output and URL
      JsonObject back = ApiTest.job("again", "again-2.jsonl", site.url("/page/7.html"));
      assertEquals(201, api.post("/jobs", back).statusCode());
      ApiHarness.until("the first run's summary", () -> {
        try {
          return api.call(HttpMethod.GET, "/runs/" + first).bodyAsJsonObject().getString("ended") != null;
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      String second = api.ended(api.json(HttpMethod.POST, "/jobs/again/runs", 202).getString("id")).getString("id");
      JsonArray runs = api.json(HttpMethod.GET, "/jobs/again/runs", 200).getJsonArray("runs");
      assertEquals(List.of(second, first), runs.stream().map(o -> ((JsonObject) o).getString("id")).toList());
      api.stop();
      assertEquals(2, Files.readAllLines(dir.resolve("data/again/runs.jsonl")).size());
      // the end of the first run did not close the change file the job added again writes to
      ChangeFile changes = ApiHarness.await(ChangeFile.open(vertx, dir.resolve("data"), "again", p -> {
      }));
      assertEquals(Set.of(site.url("/slow?ms=1500"), site.url("/page/7.html")), changes.known().stream()
          .map(KnownUrl::url).collect(java.util.stream.Collectors.toSet()));
      ApiHarness.await(changes.close());
      assertTrue(Files.readString(dir.resolve("data/api-jobs.json")).contains("\"again\""));
    } finally {
      ApiHarness.await(vertx.close());
    }
  }
}
