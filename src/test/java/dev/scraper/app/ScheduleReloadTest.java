package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.config.ConfigDiff;
import dev.scraper.config.ConfigReader;
import dev.scraper.config.JobSpec;
import dev.scraper.config.ReloadRefused;
import dev.scraper.config.ScraperConfig;
import dev.scraper.engine.Engine;
import dev.scraper.sink.JsonLinesSink;
import dev.scraper.sink.Outputs;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload applied to the scheduled jobs of a process without the API ({@link ScheduleReload}): added jobs are taken
 * on with their outputs opened and their schedules armed, changed ones get their new spec (schedule and output),
 * removed ones stop and free their output; an output that cannot be opened refuses the reload and changes nothing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScheduleReloadTest {
  @TempDir
  Path dir;
  private Vertx vertx;
  private Engine engine;
  private ScheduledJobs jobs;
  private JsonObject running;
  private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();

  private static JsonObject job(String name, String every, String output) {
    return new JsonObject().put("name", name).put("urls", new JsonArray().add("http://127.0.0.1:9/" + name))
        .put("schedule", new JsonObject().put("every", every)).put("output", new JsonObject().put("path", output));
  }

  private static JsonObject config(JsonObject... jobs) {
    return new JsonObject().put("jobs", new JsonArray(List.of((Object[]) jobs)));
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Runs {@code work} on the engine's context, as everything about the jobs does. */
  private <T> T onEngine(Supplier<Future<T>> work) throws Exception {
    Promise<T> done = Promise.promise();
    engine.engineContext().runOnContext(v -> work.get().onComplete(done));
    return get(done.future());
  }

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    running = config(job("a", "1h", "a.jsonl"), job("b", "1h", "b.jsonl"));
    ScraperConfig config = ConfigReader.read(running, dir);
    engine = new Engine(config.memoryBudgetBytes());
    get(vertx.deployVerticle(engine));
    jobs = new ScheduledJobs(vertx, engine, config.jobs(), new Streams(new PrintStream(terminal, true,
        StandardCharsets.UTF_8), false, false, false), null);
    onEngine(() -> jobs.open().onSuccess(x -> jobs.start()));
  }

  @AfterEach
  void stop() throws Exception {
    get(vertx.close());
  }

  private Future<Void> reload(JsonObject next) {
    return ScheduleReload.apply(jobs, ConfigDiff.of(running, next, ConfigReader.read(next, dir)));
  }

  /** Whether another output could take the file now (its lock is free); the probe is closed again. */
  private boolean free(String file) throws Exception {
    JsonLinesSink probe = new JsonLinesSink(vertx, dir.resolve(file));
    try {
      get(Outputs.openAll(vertx, List.of(probe), true));
    } catch (ExecutionException e) {
      return false;
    }
    get(probe.close());
    return true;
  }

  @Test
  void addedChangedAndRemovedJobsTakeEffectAndFreeWhatTheyNoLongerUse() throws Exception {
    assertTrue(!free("a.jsonl") && !free("b.jsonl"), "the outputs are locked while the jobs are taken on");
    JsonObject next = config(job("a", "2h", "a2.jsonl"), job("c", "1h", "c.jsonl"));
    onEngine(() -> reload(next));
    JobSpec a = onEngine(() -> Future.succeededFuture(jobs.spec("a")));
    assertEquals("every 2h", a.schedule().describe());
    assertEquals(dir.resolve("a2.jsonl"), a.output().path());
    assertNull(onEngine(() -> Future.succeededFuture(jobs.spec("b"))));
    assertTrue(onEngine(() -> Future.succeededFuture(jobs.spec("c"))) != null);
    assertTrue(Files.exists(dir.resolve("c.jsonl")), "the added job's output is opened at once");
    assertTrue(!free("c.jsonl") && !free("a2.jsonl"), "and locked, as the new output of the changed job");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!(free("a.jsonl") && free("b.jsonl"))) { // closed off the event loop, once no run uses them
      assertTrue(System.nanoTime() < deadline, "the outputs no longer used were never freed");
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
    }
    String said = terminal.toString(StandardCharsets.UTF_8);
    assertTrue(said.contains("scraper: job c runs every 1h; next slot at"), said);
    assertTrue(said.contains("scraper: job a runs every 2h; next slot at"), said);
  }

  @Test
  void anOutputThatCannotBeOpenedRefusesTheReloadAndChangesNothing() throws Exception {
    JsonLinesSink taken = new JsonLinesSink(vertx, dir.resolve("d.jsonl"));
    get(Outputs.openAll(vertx, List.of(taken), true));
    JobSpec before = onEngine(() -> Future.succeededFuture(jobs.spec("b")));
    JsonObject next = config(job("a", "1h", "a.jsonl"), job("d", "1h", "d.jsonl"));
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> onEngine(() -> reload(next)));
    assertTrue(e.getCause() instanceof ReloadRefused r && r.status() == 409, String.valueOf(e.getCause()));
    assertTrue(e.getCause().getMessage().startsWith("an output of the reloaded config cannot be opened"),
        e.getCause().getMessage());
    assertNull(onEngine(() -> Future.succeededFuture(jobs.spec("d"))));
    assertSame(before, onEngine(() -> Future.succeededFuture(jobs.spec("b"))), "b is not removed");
    get(taken.close());
  }
}
