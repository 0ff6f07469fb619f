package dev.scraper.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A node's own -Dscraper.* values over the config's, checked as the config's are; "jobs": [] on a cluster node. */
class NodeOverridesTest {
  private static final JsonObject CONFIG = new JsonObject()
      .put("http", new JsonObject().put("port", 8088).put("token", "0123456789abcdef"))
      .put("outputDir", "out").put("dataDir", "data").put("jobs", new JsonArray());

  @TempDir
  Path dir;

  private static Properties properties(String... pairs) {
    Properties p = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      p.setProperty(pairs[i], pairs[i + 1]);
    }
    return p;
  }

  @Test
  void eachPropertyReplacesItsValueAndTheConfigItselfIsLeftAsItWas() {
    Problems problems = new Problems();
    JsonObject json = NodeOverrides.apply(CONFIG, dir, properties(NodeOverrides.HTTP_PORT, " 8091",
        NodeOverrides.HTTP_HOST, "10.0.0.11", NodeOverrides.DATA_DIR, "node-2/data", NodeOverrides.OUTPUT_DIR,
        "/tmp/node-2/out"), problems);
    assertEquals(0, problems.size());
    assertEquals(new JsonObject().put("port", 8091).put("host", "10.0.0.11").put("token", "0123456789abcdef"),
        json.getJsonObject("http"));
    assertEquals(dir.resolve("node-2/data").toString(), json.getString("dataDir"));
    assertEquals("/tmp/node-2/out", json.getString("outputDir"));
    assertEquals(8088, CONFIG.getJsonObject("http").getInteger("port"));
    assertEquals("data", CONFIG.getString("dataDir"));
  }

  @Test
  void withoutPropertiesTheConfigIsReadAsItIs() {
    assertSame(CONFIG, NodeOverrides.apply(CONFIG, dir, properties("scraper.quiet", "true"), new Problems()));
  }

  @Test
  void aDataDirIsSetWhereTheConfigHasNoneButHttpIsNotTurnedOn() {
    JsonObject config = new JsonObject().put("jobs", new JsonArray());
    Properties p = properties(NodeOverrides.DATA_DIR, "state", NodeOverrides.HTTP_PORT, "8091");
    JsonObject json = NodeOverrides.apply(config, dir, p, new Problems());
    assertEquals(dir.resolve("state").toString(), json.getString("dataDir"));
    assertNull(json.getValue("http"));
  }

  @Test
  void theConfigReaderAppliesThemSoTheReadConfigHasTheNodesValues() {
    try {
      System.setProperty(NodeOverrides.HTTP_PORT, "8092");
      System.setProperty(NodeOverrides.DATA_DIR, "node-2/data");
      System.setProperty(NodeOverrides.OUTPUT_DIR, "node-2/out");
      ScraperConfig read = ConfigReader.read(CONFIG, dir);
      assertEquals(8092, read.http().port());
      assertEquals(dir.resolve("node-2/data"), read.dataDir());
      assertEquals(dir.resolve("node-2/out"), read.outputDir());
      assertEquals(List.of(), NodeOverrides.withoutHttp(read, System.getProperties()));
    } finally {
      System.clearProperty(NodeOverrides.HTTP_PORT);
      System.clearProperty(NodeOverrides.DATA_DIR);
      System.clearProperty(NodeOverrides.OUTPUT_DIR);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "scraper.http.port|abc|-Dscraper.http.port: must be a port number from 0 to 65535 (0: any free port), got 'abc'",
      "scraper.http.port|65536|-Dscraper.http.port: must be a port number from 0 to 65535 (0: any free port), got"
          + " '65536'",
      "scraper.http.port|-1|-Dscraper.http.port: must be a port number from 0 to 65535 (0: any free port), got '-1'",
      "scraper.http.host|' '|-Dscraper.http.host: must not be empty; give an address such as 127.0.0.1",
      "scraper.dataDir|''|-Dscraper.dataDir: must not be empty; give a directory such as data-2",
      "scraper.outputDir|' '|-Dscraper.outputDir: must not be empty; give a directory such as output-2"})
  void aBadValueIsRefusedNamingTheProperty(String property, String value, String message) {
    try {
      System.setProperty(property, value);
      ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.read(CONFIG, dir));
      assertEquals(List.of(message), e.problems());
    } finally {
      System.clearProperty(property);
    }
  }

  @Test
  void aFileGivenAsADirectoryIsRefusedNamingTheProperty() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    Problems problems = new Problems();
    NodeOverrides.apply(CONFIG, dir, properties(NodeOverrides.DATA_DIR, "a-file"), problems);
    ConfigException e = assertThrows(ConfigException.class, problems::throwIfAny);
    assertEquals(List.of("-Dscraper.dataDir: '" + file + "' is not a directory; give a directory such as data-2"),
        e.problems());
  }

  @Test
  void anHttpPropertyForAConfigWithoutHttpIsReported() {
    ScraperConfig read = ConfigReader.read(new JsonObject().put("jobs", new JsonArray().add(new JsonObject()
        .put("name", "a").put("urls", new JsonArray().add("http://127.0.0.1:1/"))
        .put("output", new JsonObject().put("path", "a.jsonl")))), dir);
    assertEquals(List.of("-Dscraper.http.port: the config has no \"http\" (the management API) to override; add "
        + "\"http\": {} to the config to run the API, or leave the property out"),
        NodeOverrides.withoutHttp(read, properties(NodeOverrides.HTTP_PORT, "8091")));
  }

  @Test
  void aClusterNodeMayHaveNoJobsOfItsOwnButStillNamesItsJobsKey() {
    JsonObject worker = new JsonObject().put("jobs", new JsonArray());
    assertThrows(ConfigException.class, () -> ConfigReader.read(worker, dir));
    try {
      System.setProperty(NodeOverrides.CLUSTER, "true");
      assertEquals(List.of(), ConfigReader.read(worker, dir).jobs());
      ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.read(new JsonObject(), dir));
      assertEquals(1, e.problems().size());
      assertEquals(true, e.problems().get(0).endsWith(", or \"jobs\": [] for a node that only works for the cluster"),
          e.problems().get(0));
    } finally {
      System.clearProperty(NodeOverrides.CLUSTER);
    }
  }
}
