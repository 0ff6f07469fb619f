package dev.scraper.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.scraper.config.ConfigReader;
import dev.scraper.config.JobSpec;
import dev.scraper.frontier.SourceEntry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's state on disk: checkpoints, reopening, the repair of a killed run's output, config changes, fresh. */
class JobStateTest {
  @TempDir
  Path dir;
  private Vertx vertx;
  private Context context;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Runs {@code call} on the one context the state is used from, and waits for its future. */
  private <T> T on(Supplier<Future<T>> call) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> call.get().onComplete(ar -> {
      if (ar.succeeded()) {
        result.complete(ar.result());
      } else {
        result.completeExceptionally(ar.cause());
      }
    }));
    return result.get(10, TimeUnit.SECONDS);
  }

  private JobSpec job(String... urls) throws Exception {
    JsonObject conf = new JsonObject().put("outputDir", dir.toString()).put("jobs", new JsonArray().add(
        new JsonObject().put("name", "j").put("urls", new JsonArray(List.of((Object[]) urls)))
            .put("output", new JsonObject().put("path", "j.jsonl"))));
    return ConfigReader.read(conf, dir).jobs().get(0);
  }

  private JobState open(JobSpec job, boolean fresh) throws Exception {
    return on(() -> JobState.open(vertx, job, dir.resolve("data"), fresh));
  }

  private static Buffer line(String url) {
    return Buffer.buffer(new JsonObject().put("url", url).put("status", 200).encode() + "\n");
  }

  private static List<SourceEntry> entries(String... urls) {
    return java.util.Arrays.stream(urls).map(u -> SourceEntry.of(u, "urls")).toList();
  }

  private String output() throws Exception {
    return Files.readString(dir.resolve("j.jsonl"), StandardCharsets.UTF_8);
  }

  @Test
  void aRunClosedBeforeItsEndResumesWithTheUrlsNotRecorded() throws Exception {
    String[] urls = {"http://127.0.0.1:1/a", "http://127.0.0.1:1/b", "http://127.0.0.1:1/c"};
    JobState state = open(job(urls), false);
    assertFalse(state.resumed());
    Admitted a = on(() -> state.seeds(entries("http://127.0.0.1:1/a", "http://127.0.0.1:1/b",
        "http://127.0.0.1:1/c", "http://127.0.0.1:1/a")));
    assertEquals(3, a.queued());
    assertEquals(1, a.duplicates());
    List<Pending> rows = on(() -> state.take(0, 10));
    assertEquals(3, rows.size());
    on(() -> {
      state.record(line("http://127.0.0.1:1/a"), rows.get(0).row());
      return state.close();
    });
    JobState again = open(job(urls), false);
    assertTrue(again.resumed());
    assertEquals(4, again.sourcePosition(), "every source line read is remembered, duplicates too");
    assertEquals(2, again.pending());
    List<Pending> left = on(() -> again.take(0, 10));
    assertEquals(List.of("http://127.0.0.1:1/b", "http://127.0.0.1:1/c"),
        left.stream().map(p -> p.url().given()).toList());
    Admitted dup = on(() -> again.seeds(entries("http://127.0.0.1:1/b")));
    assertEquals(1, dup.duplicates(), "the seen set survives the restart");
    on(() -> {
      again.record(line("http://127.0.0.1:1/b"), left.get(0).row());
      return again.close();
    });
    assertEquals(2, output().lines().count(), "a resumed run appends");
  }

  @Test
  void urlsAdmittedAfterTheFrontierEmptiedAreReadToo() throws Exception {
    JobState state = open(job("http://127.0.0.1:1/a"), false);
    on(() -> state.seeds(entries("http://127.0.0.1:1/a", "http://127.0.0.1:1/b")));
    List<Pending> first = on(() -> state.take(0, 10));
    on(() -> {
      first.forEach(p -> state.record(line(p.url().given()), p.row()));
      return state.flush();
    });
    // every row is done and gone: the next ones must still come after the last row read
    on(() -> state.seeds(entries("http://127.0.0.1:1/c")));
    List<Pending> next = on(() -> state.take(first.get(1).row(), 10));
    assertEquals(List.of("http://127.0.0.1:1/c"), next.stream().map(p -> p.url().given()).toList());
    on(state::close);
  }

  @Test
  void aHalfWrittenLastLineIsCutAndRecordsAfterTheCheckpointSettleTheirUrls() throws Exception {
    String[] urls = {"http://127.0.0.1:1/a", "http://127.0.0.1:1/b", "http://127.0.0.1:1/c"};
    JobState state = open(job(urls), false);
    on(() -> state.seeds(entries(urls)));
    List<Pending> rows = on(() -> state.take(0, 10));
    on(() -> {
      state.record(line("http://127.0.0.1:1/a"), rows.get(0).row());
      return state.close();
    });
    // as if killed after writing b's record, before the store knew, and half-way through c's
    Files.writeString(dir.resolve("j.jsonl"), line("http://127.0.0.1:1/b") + "{\"url\":\"http://127.0.0.1:1/c\",\"st",
        StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    JobState again = open(job(urls), false);
    assertTrue(again.resumed());
    assertEquals(1, again.pending());
    List<Pending> left = on(() -> again.take(0, 10));
    assertEquals("http://127.0.0.1:1/c", left.get(0).url().given());
    on(again::close);
    assertEquals(line("http://127.0.0.1:1/a").toString() + line("http://127.0.0.1:1/b"), output());
  }

  @Test
  void savedStateOfAnotherConfigIsRefusedWithWhatToDo() throws Exception {
    JobState state = open(job("http://127.0.0.1:1/a"), false);
    on(state::close);
    try {
      open(job("http://127.0.0.1:1/other"), false);
      fail("another seed list must not resume the saved run");
    } catch (ExecutionException e) {
      assertTrue(e.getCause() instanceof StateConflictException, e.toString());
      assertTrue(e.getCause().getMessage().contains("--fresh"), e.getCause().getMessage());
    }
    JobState fresh = open(job("http://127.0.0.1:1/other"), true);
    assertFalse(fresh.resumed());
    on(fresh::close);
    JsonObject withSitemap = new JsonObject().put("outputDir", dir.toString()).put("jobs", new JsonArray().add(
        new JsonObject().put("name", "j").put("urls", new JsonArray().add("http://127.0.0.1:1/other"))
            .put("sitemap", "http://127.0.0.1:1/sitemap.xml").put("output", new JsonObject().put("path", "j.jsonl"))));
    try {
      open(ConfigReader.read(withSitemap, dir).jobs().get(0), false);
      fail("another sitemap must not resume the saved run");
    } catch (ExecutionException e) {
      assertTrue(e.getCause() instanceof StateConflictException, e.toString());
    }
  }

  @Test
  void unreadableSavedStateIsRefusedUnlessFresh() throws Exception {
    Files.createDirectories(dir.resolve("data/j"));
    Files.writeString(dir.resolve("data/j/state.db"), "not a database, but long enough to be read as one ".repeat(40));
    try {
      open(job("http://127.0.0.1:1/a"), false);
      fail("a state that cannot be read must not be taken for none");
    } catch (ExecutionException e) {
      assertTrue(e.getCause() instanceof StateConflictException, e.toString());
      assertTrue(e.getCause().getMessage().contains("--fresh"), e.getCause().getMessage());
    }
    JobState fresh = open(job("http://127.0.0.1:1/a"), true);
    assertFalse(fresh.resumed());
    on(fresh::close);
  }

  @Test
  void freshOrAFinishedRunStartsOverWithAnEmptyOutput() throws Exception {
    JobState state = open(job("http://127.0.0.1:1/a"), false);
    on(() -> state.seeds(entries("http://127.0.0.1:1/a")));
    on(() -> {
      state.record(line("http://127.0.0.1:1/x"), -1);
      return state.close();
    });
    JobState fresh = open(job("http://127.0.0.1:1/a"), true);
    assertFalse(fresh.resumed());
    assertEquals(0, fresh.pending());
    assertEquals("", output());
    on(() -> fresh.seeds(entries("http://127.0.0.1:1/a")));
    on(() -> {
      fresh.record(line("http://127.0.0.1:1/a"), 1);
      fresh.finished();
      return fresh.close();
    });
    JobState next = open(job("http://127.0.0.1:1/a"), false);
    assertFalse(next.resumed(), "a finished run does not resume");
    assertEquals("", output(), "its output is truncated as without dataDir");
    on(next::close);
  }
}
