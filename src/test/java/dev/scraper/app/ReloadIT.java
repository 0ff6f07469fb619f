package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.JarProcess;
import dev.scraper.testing.TestSite;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGHUP at the jar level: a broken config file leaves the running job as it is (the process stays up, says why and
 * runs the job again); a valid changed one takes effect at the next run (a job added runs at its slots, a job whose
 * URL changed fetches the new one).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ReloadIT {
  private static Vertx vertx;
  private static TestSite site;

  @TempDir
  Path dir;

  @BeforeAll
  static void startSite() throws Exception {
    vertx = Vertx.vertx();
    site = TestSite.start(vertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopSite() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private JsonObject job(String name, String page) {
    return new JsonObject().put("name", name).put("urls", new JsonArray().add(site.url(page)))
        .put("robotsTxt", false).put("schedule", new JsonObject().put("every", "1s"))
        .put("output", new JsonObject().put("path", name + ".jsonl"));
  }

  private JsonObject config(JsonObject... jobs) {
    return new JsonObject().put("outputDir", dir.toString()).put("jobs", new JsonArray(List.of((Object[]) jobs)));
  }

  private static int runLines(JarProcess p, String job) {
    try {
      return (int) p.stdout().lines().filter(l -> l.startsWith(job + " run ")).count();
    } catch (IOException e) {
      return 0;
    }
  }

  private static boolean says(JarProcess p, String text) {
    try {
      return p.stderr().contains(text) || p.stdout().contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  /** The URLs of the file's records, in order; an absent file has none. */
  private static List<String> urls(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    return Files.readString(file, StandardCharsets.UTF_8).lines().filter(l -> l.endsWith("}"))
        .map(l -> new JsonObject(l).getString("url")).toList();
  }

  @Test
  void sighupWithABrokenConfigKeepsTheRunningJobAndWithAValidOneAppliesItAtTheNextRun() throws Exception {
    Path conf = Files.writeString(dir.resolve("conf.json"), config(job("probe", "/page/1.html")).encodePrettily());
    try (JarProcess scraper = JarProcess.start(dir, List.of(), "-conf", conf.toString())) {
      scraper.await("a first run", 60, () -> runLines(scraper, "probe") >= 1);
      Files.writeString(conf, "{\"jobs\": [{\"name\": \"probe\", \"urls\": [\"" + site.url("/page/1.html")
          + "\"], \"schedule\": {\"every\": \"1s\"}, \"output\": {\"path\": \"probe.jsonl\"}, \"timeoutMs\": -5}]}");
      scraper.sighup();
      scraper.await("the reload refused", 30, () -> says(scraper, "scraper: reload of " + conf
          + " refused, the running config is kept: the reloaded config is invalid (1 problem): jobs[0].timeoutMs"));
      int before = runLines(scraper, "probe");
      scraper.await("a further run of the old job", 60, () -> runLines(scraper, "probe") > before);
      assertTrue(scraper.alive(), scraper.describe());

      Files.writeString(conf, config(job("probe", "/page/2.html"), job("extra", "/page/3.html")).encodePrettily());
      scraper.sighup();
      scraper.await("the reload applied", 30, () -> says(scraper, "scraper: reloaded " + conf
          + ": 1 job added (extra), 1 changed (probe), 0 removed, 0 unchanged"));
      scraper.await("a run of the added job", 60, () -> runLines(scraper, "extra") >= 1);
      scraper.await("a run of the changed job with its new URL", 60, () -> {
        try {
          return urls(dir.resolve("probe.jsonl")).contains(site.url("/page/2.html"));
        } catch (IOException e) {
          return false;
        }
      });
      scraper.sigterm();
      assertEquals(0, scraper.waitFor(60), scraper.describe());
      List<String> probe = urls(dir.resolve("probe.jsonl"));
      int firstNew = probe.indexOf(site.url("/page/2.html"));
      assertTrue(probe.subList(0, firstNew).stream().allMatch(u -> u.equals(site.url("/page/1.html"))),
          probe.toString());
      assertTrue(probe.subList(firstNew, probe.size()).stream().allMatch(u -> u.equals(site.url("/page/2.html"))),
          "once changed, every run fetches the new URL: " + probe);
      assertTrue(urls(dir.resolve("extra.jsonl")).stream().allMatch(u -> u.equals(site.url("/page/3.html"))));
    }
  }

  @Test
  void sighupReloadsAProcessWithTheManagementApiAndKeepsTheJobsAddedThroughIt() throws Exception {
    JsonObject first = config(job("probe", "/page/1.html")).put("http", new JsonObject().put("port", 0));
    Path conf = Files.writeString(dir.resolve("api.json"), first.encodePrettily());
    try (JarProcess scraper = JarProcess.start(dir, List.of(), "-conf", conf.toString())) {
      scraper.await("the API up", 60, () -> says(scraper, "management API on http://127.0.0.1:"));
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("management API on http://127\\.0\\.0\\.1:(\\d+)")
          .matcher(scraper.stdout() + scraper.stderr());
      assertTrue(m.find(), scraper.describe());
      int port = Integer.parseInt(m.group(1));
      io.vertx.ext.web.client.WebClient client = io.vertx.ext.web.client.WebClient.create(vertx);
      int added = client.post(port, "127.0.0.1", "/jobs").sendJsonObject(job("fromApi", "/page/4.html"))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).statusCode();
      assertEquals(201, added, scraper.describe());
      Files.writeString(conf, config(job("probe", "/page/2.html")).put("http", new JsonObject().put("port", 0))
          .put("outputDir", dir.resolve("elsewhere").toString()).encodePrettily());
      scraper.sighup();
      scraper.await("the reload applied", 30, () -> says(scraper, "scraper: reloaded " + conf
          + ": 0 jobs added, 1 changed (probe), 0 removed, 0 unchanged; outputDir changed too but needs a restart"));
      JsonObject jobs = client.get(port, "127.0.0.1", "/jobs").send().toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS).bodyAsJsonObject();
      assertEquals(2, jobs.getJsonArray("jobs").size(), jobs.encode());
      assertEquals(dir.resolve("probe.jsonl").toString(), jobs.getJsonArray("jobs").getJsonObject(0)
          .getString("output"), "outputDir needs a restart: the outputs stay where they are");
      scraper.sigterm();
      assertEquals(0, scraper.waitFor(60), scraper.describe());
    }
  }
}
