package dev.scraper.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scraper.app.CliSession;
import dev.scraper.config.ConfigReader;
import dev.scraper.config.ScraperConfig;
import dev.scraper.job.JobResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a config through the engine, as the jar would, and reads back what it wrote. Public so that the tests of
 * other packages (robots, fetch...) run whole jobs the same way.
 */
public final class EngineRun {
  /** The config as read. */
  public final ScraperConfig config;
  /** What each job returned, in config order. */
  public final List<JobResult> results;
  /** What the engine printed (no colours). */
  public final String terminal;
  /** From deploying the engine to its results, in milliseconds. */
  public final long elapsedMs;

  private EngineRun(ScraperConfig config, List<JobResult> results, String terminal, long elapsedMs) {
    this.config = config;
    this.results = results;
    this.terminal = terminal;
    this.elapsedMs = elapsedMs;
  }

  /** A one-job config: {@code job} gets a name and an output path if it has none. */
  public static JsonObject oneJob(JsonObject job) {
    if (!job.containsKey("name")) {
      job.put("name", "test");
    }
    if (!job.containsKey("output")) {
      job.put("output", new JsonObject().put("path", job.getString("name") + ".jsonl"));
    }
    return new JsonObject().put("jobs", new JsonArray().add(job));
  }

  /** Runs a copy of {@code job} (named "test", writing test.jsonl unless it says otherwise) as a one-job config. */
  public static Future<EngineRun> runJob(Vertx vertx, JsonObject job, Path workDir) {
    return run(vertx, oneJob(job.copy()), workDir);
  }

  public static Future<EngineRun> run(Vertx vertx, JsonObject conf, Path workDir) {
    ScraperConfig config = ConfigReader.read(conf, workDir);
    Engine engine = new Engine(config.memoryBudgetBytes());
    return vertx.deployVerticle(engine).compose(id -> run(vertx, engine, config)
        .compose(r -> vertx.undeploy(id).map(r)));
  }

  /**
   * Runs {@code config}'s jobs once on an engine already deployed (as the jar does, through {@link CliSession}),
   * on the engine's context.
   */
  public static Future<EngineRun> run(Vertx vertx, Engine engine, ScraperConfig config) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    long start = System.nanoTime();
    Promise<List<JobResult>> results = Promise.promise();
    engine.engineContext().runOnContext(v -> new CliSession(vertx, engine, config, out, false).run()
        .onComplete(results));
    return results.future().map(r -> new EngineRun(config, r, bytes.toString(StandardCharsets.UTF_8),
        (System.nanoTime() - start) / 1_000_000));
  }

  /** The records the first job wrote, in file order. */
  public List<JsonObject> records() {
    return records(0);
  }

  public List<JsonObject> records(int job) {
    try {
      List<JsonObject> out = new ArrayList<>();
      for (String line : Files.readAllLines(config.jobs().get(job).output().path(), StandardCharsets.UTF_8)) {
        out.add(new JsonObject(line));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The one record of the first job; fails unless there is exactly one. */
  public JsonObject only() {
    List<JsonObject> all = records();
    assertEquals(1, all.size(), "one record");
    return all.get(0);
  }

  /** Records of the first job by their {@code url}. */
  public Map<String, JsonObject> byUrl() {
    Map<String, JsonObject> map = new HashMap<>();
    for (JsonObject r : records()) {
      if (map.put(r.getString("url"), r) != null) {
        throw new AssertionError("two records for " + r.getString("url"));
      }
    }
    return map;
  }

  /** The record's {@code error.type}, or null when it has no error. */
  public static String errorType(JsonObject record) {
    JsonObject e = record.getJsonObject("error");
    return e == null ? null : e.getString("type");
  }
}
