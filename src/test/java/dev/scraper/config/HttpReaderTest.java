package dev.scraper.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpReaderTest {
  @TempDir
  Path dir;

  @Test
  void withHttpAConfigNeedsNoJobsAndGetsTheDefaults() {
    for (JsonObject config : List.of(new JsonObject().put("http", new JsonObject()),
        new JsonObject().put("http", new JsonObject()).put("jobs", new JsonArray()))) {
      ScraperConfig read = ConfigReader.read(config, dir);
      assertEquals(List.of(), read.jobs());
      assertEquals(Defaults.HTTP_HOST, read.http().host());
      assertEquals(Defaults.HTTP_PORT, read.http().port());
      assertNull(read.http().token());
    }
  }

  @Test
  void withoutHttpAConfigStillNeedsAJob() {
    assertNull(ConfigReader.read(new JsonObject().put("http", null).put("jobs", new JsonArray()
        .add(new JsonObject().put("name", "a").put("urls", new JsonArray().add("http://127.0.0.1:1/"))
            .put("output", new JsonObject().put("path", "a.jsonl")))), dir).http());
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigReader.read(new JsonObject().put("jobs", new JsonArray()), dir));
    assertEquals(1, e.problems().size());
  }

  @Test
  void aJobAddedAtRunTimeIsReadAgainstTheConfigAndItsProblemsNameItsFields() {
    HttpSpec http = ConfigReader.read(new JsonObject().put("http", new JsonObject().put("token",
        "0123456789abcdef")).put("outputDir", "out").put("defaults", new JsonObject().put("concurrency", 3)), dir)
        .http();
    JobSpec job = AddedJob.read(new JsonObject().put("name", "a").put("urls", new JsonArray()
        .add("http://127.0.0.1:1/")).put("output", new JsonObject().put("path", "a.jsonl")), http);
    assertEquals(3, job.fetch().concurrency());
    assertEquals(dir.resolve("out/a.jsonl"), job.output().path());
    ConfigException e = assertThrows(ConfigException.class, () -> AddedJob.read(new JsonObject().put("name", "b")
        .put("urlsFile", "-").put("output", new JsonObject().put("path", "b.jsonl")), http));
    assertEquals(List.of("urlsFile: \"-\" (stdin) is the terminal of the process, not of this request; give a "
        + "file such as \"urls.txt\", or \"urls\""), e.problems());
    e = assertThrows(ConfigException.class, () -> AddedJob.read(new JsonObject().put("name", "c"), http));
    assertEquals(List.of("job: no URLs: give \"urls\", \"urlsFile\" or \"sitemap\"",
        "output: required; give where records go, such as {\"path\": \"out/c.jsonl\"}"), e.problems());
  }
}
