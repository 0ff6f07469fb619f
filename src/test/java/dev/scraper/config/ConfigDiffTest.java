package dev.scraper.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a reloaded config changes, job by job, and which top-level keys need a restart. */
class ConfigDiffTest {
  @TempDir
  Path dir;

  private static JsonObject job(String name, String url) {
    return new JsonObject().put("name", name).put("urls", new JsonArray().add(url))
        .put("schedule", new JsonObject().put("every", "1m"))
        .put("output", new JsonObject().put("path", name + ".jsonl"));
  }

  private ConfigDiff diff(JsonObject running, JsonObject reloaded) {
    return ConfigDiff.of(running, reloaded, ConfigReader.read(reloaded, dir));
  }

  @Test
  void jobsAreAddedChangedRemovedOrUnchangedByTheirJsonAsWritten() {
    JsonObject running = new JsonObject().put("jobs", new JsonArray().add(job("a", "http://127.0.0.1:1/a"))
        .add(job("b", "http://127.0.0.1:1/b")).add(job("c", "http://127.0.0.1:1/c")));
    JsonObject reloaded = new JsonObject().put("jobs", new JsonArray().add(job("c", "http://127.0.0.1:1/c"))
        .add(job("b", "http://127.0.0.1:1/b2")).add(job("d", "http://127.0.0.1:1/d")));
    ConfigDiff d = diff(running, reloaded);
    assertEquals(List.of("d"), d.added());
    assertEquals(List.of("b"), d.changed());
    assertEquals(List.of("a"), d.removed());
    assertEquals(List.of("c"), d.unchanged());
    assertEquals(List.of(), d.restart());
    assertEquals("1 job added (d), 1 changed (b), 1 removed (a), 1 unchanged", d.describe());
    assertEquals("http://127.0.0.1:1/b2", d.job("b").urls().get(0));
  }

  @Test
  void changedDefaultsChangeEveryJobThatStays() {
    JsonObject running = new JsonObject().put("defaults", new JsonObject().put("concurrency", 4))
        .put("jobs", new JsonArray().add(job("a", "http://127.0.0.1:1/a")).add(job("b", "http://127.0.0.1:1/b")));
    JsonObject reloaded = running.copy().put("defaults", new JsonObject().put("concurrency", 8));
    ConfigDiff d = diff(running, reloaded);
    assertEquals(List.of("a", "b"), d.changed());
    assertEquals(List.of(), d.unchanged());
  }

  @Test
  void topLevelKeysReadAtStartNeedARestartAndAreNamed() {
    JsonObject running = new JsonObject().put("jobs", new JsonArray().add(job("a", "http://127.0.0.1:1/a")));
    JsonObject reloaded = running.copy().put("dataDir", "data").put("memoryBudgetBytes", 64L * 1024 * 1024)
        .put("shutdownGraceMs", 500);
    ConfigDiff d = diff(running, reloaded);
    assertEquals(List.of("dataDir", "memoryBudgetBytes"), d.restart());
    assertEquals(List.of("a"), d.unchanged());
    assertEquals("0 jobs added, 0 changed, 0 removed, 1 unchanged; dataDir, memoryBudgetBytes changed too but need a "
        + "restart (the running value is kept)", d.describe());
    JsonObject json = d.toJson();
    assertEquals(new JsonArray().add("dataDir").add("memoryBudgetBytes"), json.getJsonArray("needsRestart"));
    assertEquals(500, d.config().shutdownGraceMs(), "applied at once, not at a restart");
  }

  @Test
  void aJobRenamedWithItsOutputGetsAHintToRenameItInTwoReloads() {
    JsonObject running = new JsonObject().put("jobs", new JsonArray().add(job("old", "http://127.0.0.1:1/a")));
    JsonObject reloaded = new JsonObject().put("jobs", new JsonArray().add(job("new", "http://127.0.0.1:1/a")
        .put("output", new JsonObject().put("path", "old.jsonl"))));
    ConfigDiff d = diff(running, reloaded);
    JobSpec old = ConfigReader.read(running, dir).jobs().get(0);
    assertEquals("; job 'new' takes the output of job 'old', which this reload removes, but an output is released"
        + " only once its job is gone: remove 'old' in one reload and add 'new' in the next, or give it another"
        + " output.path", d.handoverHint(n -> n.equals("old") ? old : null));
    assertEquals("", diff(running, running.copy().put("jobs", new JsonArray().add(job("new", "http://127.0.0.1:1/a"))))
        .handoverHint(n -> n.equals("old") ? old : null), "another output: no hint");
  }
}
