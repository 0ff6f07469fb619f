package dev.scraper.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.scraper.metrics.RunStats;
import dev.scraper.record.Record;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A run's summary from its records: counts, status classes and codes, latency per host, each URL of a small run. */
class SummaryBuilderTest {
  private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");

  private static Record record(String url, Integer status, long ms, String error) {
    return new Record("probe", "r1", url, url, status, ms, 10, null, 0, status == null && error != null
        && error.equals("robots") ? 0 : 1, 0, null, true, new JsonObject(), error, error == null ? null : "why");
  }

  private static JsonObject build(SummaryBuilder b, RunStats stats, String ended) {
    stats.finish();
    return b.build("r1", "probe", START, START.plusMillis(1500), ended, "out/p.jsonl", stats, 3).toJson();
  }

  @Test
  void countsStatusesPerClassAndCodeAndListsEachUrlOfASmallRun() {
    SummaryBuilder b = new SummaryBuilder(null, 10, 20, 200);
    RunStats stats = new RunStats();
    for (Record r : new Record[] {record("http://a.test/1", 200, 10, null),
        record("http://a.test/2", 404, 30, "http-status"), record("http://b.test:8080/", null, 0, "robots")}) {
      b.add(r);
      stats.add(r);
    }
    JsonObject s = build(b, stats, SummaryBuilder.DONE);
    assertEquals("r1", s.getString("id"));
    assertEquals("done", s.getString("state"));
    assertEquals("done", s.getString("ended"));
    assertEquals(1500L, s.getLong("durationMs"));
    assertEquals(3L, s.getLong("urls"));
    assertEquals(1L, s.getLong("ok"));
    assertEquals(new JsonObject().put("http-status", 1L).put("robots", 1L), s.getJsonObject("errors"));
    assertEquals(new JsonObject().put("1xx", 0L).put("2xx", 1L).put("3xx", 0L).put("4xx", 1L).put("5xx", 0L)
        .put("none", 1L), s.getJsonObject("statuses"));
    assertEquals(new JsonObject().put("200", 1L).put("404", 1L), s.getJsonObject("statusCodes"));
    JsonArray hosts = s.getJsonArray("hosts");
    assertEquals(2, hosts.size(), hosts.encode());
    assertEquals(new JsonObject().put("host", "a.test").put("count", 2L).put("p50", 10L).put("p90", 30L)
        .put("p99", 30L).put("max", 30L).put("statuses", new JsonObject().put("2xx", 1L).put("4xx", 1L)),
        hosts.getJsonObject(0));
    assertEquals(new JsonObject().put("host", "b.test:8080").put("count", 0L).put("p50", 0L).put("p90", 0L)
        .put("p99", 0L).put("max", 0L).put("statuses", new JsonObject().put("none", 1L)), hosts.getJsonObject(1),
        "the URL not fetched (robots) has no latency, but its host counts its answer");
    JsonArray perUrl = s.getJsonArray("perUrl");
    assertEquals(3, perUrl.size());
    assertEquals(new JsonObject().put("url", "http://a.test/2").put("status", 404).put("latencyMs", 30L)
        .put("error", "http-status"), perUrl.getJsonObject(1));
    assertNull(perUrl.getJsonObject(2).getValue("latencyMs"));
  }

  @Test
  void aBigRunHasNoPerUrlListAndItsQuietHostsAreOther() {
    SummaryBuilder b = new SummaryBuilder(null, 5, 2, 3);
    RunStats stats = new RunStats();
    String[] hosts = {"a", "a", "a", "b", "b", "c", "d", "d", "d", "d"};
    for (int i = 0; i < hosts.length; i++) {
      Record r = record("http://user:pw@" + hosts[i] + ".test/" + i, 200, 100 + i, null);
      b.add(r);
      stats.add(r);
    }
    JsonObject s = build(b, stats, SummaryBuilder.MAX_RUN_MS);
    assertEquals("done", s.getString("state"));
    assertEquals("maxRunMs", s.getString("ended"));
    assertNull(s.getValue("perUrl"), "over 5 URLs: no list");
    JsonArray listed = s.getJsonArray("hosts");
    assertEquals(3, listed.size(), listed.encode());
    assertEquals("a.test", listed.getJsonObject(0).getString("host"), "a, b, c tracked; d came too late");
    assertEquals(3L, listed.getJsonObject(0).getLong("count"));
    assertEquals("b.test", listed.getJsonObject(1).getString("host"));
    JsonObject other = listed.getJsonObject(2);
    assertEquals("other", other.getString("host"));
    assertEquals(5L, other.getLong("count"), "c (1, not among the busiest 2) and d (4, not tracked)");
    assertEquals(109L, other.getLong("max"));
    assertEquals(new JsonObject().put("2xx", 5L), other.getJsonObject("statuses"));
  }

  @Test
  void eachNodeCountsTheUrlsItFetchedAndTheOwnerTheOthers() {
    SummaryBuilder b = new SummaryBuilder("node-a", 10, 20, 200);
    RunStats stats = new RunStats();
    for (int i = 0; i < 4; i++) {
      Record r = record("http://a.test/" + i, 200, 10, null);
      b.add(r);
      stats.add(r);
    }
    stats.fetchedBy("node-b"); // as the engine does for a URL another node fetched
    JsonObject s = build(b, stats, SummaryBuilder.DONE);
    assertEquals(new JsonObject().put("node-a", 3L).put("node-b", 1L), s.getJsonObject("nodes"));
  }

  @Test
  void aRunWithoutAKnownOwnerListsOnlyTheNodesNamedForItsUrls() {
    SummaryBuilder b = new SummaryBuilder(null, 10, 20, 200);
    RunStats stats = new RunStats();
    Record r = record("http://a.test/", 200, 10, null);
    b.add(r);
    stats.add(r);
    assertEquals(new JsonObject(), build(b, stats, SummaryBuilder.DONE).getJsonObject("nodes"));
  }

  @Test
  void percentilesAreWithinTheirBucketAndNeverOverTheMax() {
    SmallHistogram h = new SmallHistogram();
    for (int ms = 1; ms <= 1000; ms++) {
      h.record(ms);
    }
    assertEquals(509L, h.percentile(0.5), "two significant digits: 500..509");
    assertEquals(1000L, h.percentile(1.0));
    assertEquals(1000L, h.max());
    h.record(5_000_000);
    assertEquals(5_000_000L, h.percentile(1.0));
    for (long v : new long[] {0, 99, 100, 999, 1000, 12_345, 999_999}) {
      long upper = SmallHistogram.value(SmallHistogram.index(v));
      assertEquals(true, upper >= v && upper <= v + v / 10 + 1, v + " -> " + upper);
    }
  }
}
