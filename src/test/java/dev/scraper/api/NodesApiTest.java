package dev.scraper.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.cluster.ClusterNode;
import dev.scraper.cluster.Clusters;
import dev.scraper.cluster.NodeRegistry;
import dev.scraper.testing.TestSite;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /nodes: a process without -cluster lists itself alone, with its API's address and the pages it did; two
 * clustered processes (two Vert.x members in this JVM, an engine and an API each) list both from either one.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NodesApiTest {
  @TempDir
  Path dir;

  private static JsonArray nodes(ApiHarness api) {
    try {
      return api.json(HttpMethod.GET, "/nodes", 200).getJsonArray("nodes");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void withoutClusterTheProcessListsItselfAsTheOneNode() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      TestSite site = ApiHarness.await(TestSite.start(vertx));
      ApiHarness api = ApiHarness.start(vertx, new JsonObject().put("outputDir", "out")
          .put("defaults", new JsonObject().put("robotsTxt", false)), dir, null);
      JsonArray list = nodes(api);
      assertEquals(1, list.size(), list.encode());
      JsonObject self = list.getJsonObject(0);
      assertEquals(ClusterNode.of(vertx).name(), self.getString("name"));
      assertEquals(NodeRegistry.version(), self.getString("version"));
      assertTrue(self.getBoolean("self"));
      assertEquals("http://127.0.0.1:" + api.port, self.getString("api"));
      for (String key : List.of("id", "hosts", "inFlight", "pagesPerSecond", "pagesDone", "joinedAt")) {
        assertTrue(self.containsKey(key), key + " missing: " + self.encode());
      }
      assertEquals(201, api.post("/jobs", ApiTest.job("two", "two.jsonl", site.url("/page/1.html"),
          site.url("/page/2.html"))).statusCode());
      JsonObject summary = api.ended(api.json(HttpMethod.POST, "/jobs/two/runs", 202).getString("id"));
      assertEquals(new JsonObject().put(self.getString("name"), 2L), summary.getJsonObject("nodes"),
          "every URL of the run counts to the node that owns it");
      ApiHarness.until("the two pages counted", () -> nodes(api).getJsonObject(0).getLong("pagesDone") == 2L);
    } finally {
      ApiHarness.await(vertx.close());
    }
  }

  @Test
  void eachOfTwoClusteredProcessesListsBoth() throws Exception {
    List<Vertx> members = Clusters.start(2);
    try {
      List<ApiHarness> apis = new ArrayList<>();
      for (int i = 0; i < members.size(); i++) {
        Vertx v = members.get(i);
        NodeRegistry nodes = ApiHarness.await(NodeRegistry.join(v, ClusterNode.of(v), NodeRegistry.version()));
        apis.add(ApiHarness.start(v, new JsonObject().put("outputDir", "out" + i), dir, null, nodes));
      }
      for (ApiHarness api : apis) {
        ApiHarness.until("both nodes with their API listed on :" + api.port, () -> nodes(api).stream()
            .map(JsonObject.class::cast).filter(n -> n.getString("api") != null).count() == 2);
        JsonArray list = nodes(api);
        Map<String, Boolean> self = list.stream().map(JsonObject.class::cast)
            .collect(Collectors.toMap(n -> n.getString("api"), n -> n.getBoolean("self")));
        assertEquals(Map.of("http://127.0.0.1:" + apis.get(0).port, api == apis.get(0),
            "http://127.0.0.1:" + apis.get(1).port, api == apis.get(1)), self);
        assertTrue(list.getJsonObject(0).getBoolean("self"), "this node first");
        assertFalse(list.getJsonObject(0).getString("id").equals(list.getJsonObject(1).getString("id")));
      }
    } finally {
      Clusters.close(members);
    }
  }
}
