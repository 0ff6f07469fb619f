package dev.scraper.sink;

import dev.scraper.record.Record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS) // file locks, writes, fsync: generous for a loaded machine
class OutputsTest {
  private static final String OLD = "{\"from\":\"an earlier run\"}\n";

  @TempDir
  Path dir;

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path earlier(String name) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, OLD, StandardCharsets.UTF_8);
    return file;
  }

  /** Runs {@code open} on an event loop, as the engine does. */
  private static <T> Future<T> onLoop(Vertx vertx, Supplier<Future<T>> open) {
    return Future.<Future<T>>future(p -> vertx.getOrCreateContext().runOnContext(v -> p.complete(open.get())))
        .compose(f -> f);
  }

  private static void assertUnlocked(Path output) throws IOException {
    OutputLock.acquire(output).release();
  }

  @Test
  void everyOutputIsLockedOpenedAndEmptiedAndWritable(Vertx vertx, VertxTestContext ctx) throws IOException {
    Path a = earlier("a.jsonl");
    Path b = dir.resolve("new/dir/b.jsonl");
    onLoop(vertx, () -> Outputs.open(vertx, List.of(a, b))).compose(sinks -> {
      ctx.verify(() -> {
        assertEquals("", read(a), "truncated once all were open");
        assertTrue(Files.isRegularFile(b));
        assertTrue(Files.exists(dir.resolve("a.jsonl.lock")) && Files.exists(dir.resolve("new/dir/b.jsonl.lock")));
      });
      sinks.get(0).write(record("a"));
      sinks.get(1).write(record("b"));
      return Future.all(sinks.get(0).close(), sinks.get(1).close());
    }).onComplete(ctx.succeeding(x -> ctx.verify(() -> {
      assertEquals(record("a").toJson().encode() + "\n", read(a));
      assertEquals(record("b").toJson().encode() + "\n", read(b));
      assertUnlocked(a);
      assertUnlocked(b);
      ctx.completeNow();
    })));
  }

  @Test
  void aSecondOpenOfAnOpenOutputFailsNamingThePidAndChangesNothing(Vertx vertx, VertxTestContext ctx)
      throws IOException {
    Path a = earlier("a.jsonl");
    onLoop(vertx, () -> Outputs.open(vertx, List.of(a))).compose(first -> {
      first.get(0).write(record("first"));
      return first.get(0).flush().map(first);
    }).compose(first -> onLoop(vertx, () -> Outputs.open(vertx, List.of(a))).transform(second -> {
      ctx.verify(() -> {
        assertTrue(second.failed(), "a second open of a locked output succeeded");
        String message = second.cause().getMessage();
        assertTrue(message.startsWith("output '" + a + "' is locked by another run (pid "
            + ProcessHandle.current().pid() + " on host "), message);
        assertTrue(message.endsWith("); wait for it to end or give this job another output.path"), message);
        assertEquals(record("first").toJson().encode() + "\n", read(a), "the second open changed the file");
      });
      return first.get(0).close();
    })).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void oneOutputThatCannotBeOpenedLeavesEveryOtherFileAsItWas(Vertx vertx, VertxTestContext ctx)
      throws IOException {
    Path a = earlier("a.jsonl");
    Files.writeString(dir.resolve("taken"), "a file where a directory should be");
    Path b = dir.resolve("taken/b.jsonl");
    Path c = earlier("c.jsonl");
    onLoop(vertx, () -> Outputs.open(vertx, List.of(a, b, c))).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertTrue(e.getMessage().startsWith("cannot open output '" + b + "': "), e.getMessage());
      assertEquals(OLD, read(a), "an output opened before the failure was changed");
      assertEquals(OLD, read(c), "an output after the failure was changed");
      assertUnlocked(a);
      assertFalse(Files.exists(dir.resolve("c.jsonl.lock")), "an output after the failure was locked");
      ctx.completeNow();
    })));
  }

  @Test
  void anOutputThatIsADirectoryFailsAfterItsLockAndGivesEveryLockBack(Vertx vertx, VertxTestContext ctx)
      throws IOException {
    Path a = earlier("a.jsonl");
    Path b = Files.createDirectory(dir.resolve("b.jsonl"));
    onLoop(vertx, () -> Outputs.open(vertx, List.of(a, b))).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertTrue(e.getMessage().startsWith("cannot open output '" + b + "': "), e.getMessage());
      assertFalse(e.getMessage().contains("Exception"), e.getMessage());
      assertEquals(OLD, read(a));
      assertUnlocked(a);
      assertUnlocked(b);
      ctx.completeNow();
    })));
  }

  @Test
  void aLockedOutputLeavesEveryOtherFileAsItWas(Vertx vertx, VertxTestContext ctx) throws IOException {
    Path a = earlier("a.jsonl");
    Path b = earlier("b.jsonl");
    OutputLock other = OutputLock.acquire(b);
    onLoop(vertx, () -> Outputs.open(vertx, List.of(a, b))).onComplete(ctx.failing(e -> ctx.verify(() -> {
      other.release();
      assertEquals("output '" + b + "' is locked by another run (" + other.holder()
          + "); wait for it to end or give this job another output.path", e.getMessage());
      assertEquals(OLD, read(a));
      assertEquals(OLD, read(b));
      assertUnlocked(a);
      ctx.completeNow();
    })));
  }

  private static Record record(String name) {
    return new Record("shop", "r1", "http://example.com/" + name, "http://example.com/" + name, 200, 1, 10,
        "text/html", 1_700_000_000_000L, 1, 0, null, true, new JsonObject().put("title", name), null, null);
  }
}
