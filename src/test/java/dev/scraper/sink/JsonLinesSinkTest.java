package dev.scraper.sink;

import dev.scraper.record.Record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS) // file writes and fsync: generous for a loaded machine
class JsonLinesSinkTest {
  @TempDir
  Path dir;

  private static Record record(int i) {
    String url = "http://example.com/p/" + i;
    boolean ok = i % 5 != 0;
    return new Record("shop", "r1", url, url, ok ? 200 : null, i, 100L * i, ok ? "text/html" : null,
        1_700_000_000_000L + i, ok ? 1 : 2, 0, null, i % 2 == 0,
        ok ? new JsonObject().put("title", "Product " + i + " – Café") : new JsonObject(),
        ok ? null : "timeout", ok ? null : "no answer within 1000 ms");
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void writesOneJsonLinePerRecordInOrder(Vertx vertx, VertxTestContext ctx) {
    Path file = dir.resolve("out.jsonl");
    JsonLinesSink sink = new JsonLinesSink(vertx, file);
    int n = 2_000; // several 64 KB batches
    vertx.getOrCreateContext().runOnContext(v -> sink.open()
        .compose(x -> {
          for (int i = 0; i < n; i++) {
            sink.write(record(i));
          }
          return sink.close();
        })
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          List<String> lines = lines(file);
          assertEquals(n, lines.size());
          for (int i = 0; i < n; i++) {
            assertEquals(record(i).toJson(), new JsonObject(lines.get(i)), "line " + (i + 1));
          }
          assertTrue(Files.size(file) > JsonLinesSink.BATCH_BYTES, "more than one batch was written");
          assertNull(sink.failure());
          ctx.completeNow();
        }))));
  }

  @Test
  void openTruncatesAnExistingFile(Vertx vertx, VertxTestContext ctx) throws IOException {
    Path file = dir.resolve("out.jsonl");
    Files.writeString(file, "{\"old\":true}\n".repeat(5_000));
    JsonLinesSink sink = new JsonLinesSink(vertx, file);
    vertx.getOrCreateContext().runOnContext(v -> sink.open()
        .compose(x -> {
          sink.write(record(1));
          return sink.close();
        })
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertEquals(List.of(record(1).toJson().encode()), lines(file));
          ctx.completeNow();
        }))));
  }

  @Test
  void openCreatesMissingParentDirectories(Vertx vertx, VertxTestContext ctx) {
    Path file = dir.resolve("a/b/c/out.jsonl");
    JsonLinesSink sink = new JsonLinesSink(vertx, file);
    vertx.getOrCreateContext().runOnContext(v -> sink.open()
        .compose(x -> {
          sink.write(record(7));
          return sink.close();
        })
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertTrue(Files.isDirectory(dir.resolve("a/b/c")));
          assertEquals(1, lines(file).size());
          ctx.completeNow();
        }))));
  }

  @Test
  void recordsWaitInTheBatchUntilCloseFlushesThem(Vertx vertx, VertxTestContext ctx) {
    Path file = dir.resolve("out.jsonl");
    JsonLinesSink sink = new JsonLinesSink(vertx, file);
    vertx.getOrCreateContext().runOnContext(v -> sink.open()
        .compose(x -> {
          sink.write(record(1));
          sink.write(record(2));
          sink.write(record(3));
          ctx.verify(() -> assertEquals(0, Files.size(file), "a small batch is not written at once"));
          return sink.close();
        })
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertEquals(3, lines(file).size());
          ctx.completeNow();
        }))));
  }

  @Test
  void flushWritesEverythingTakenSoFarAndKeepsTheFileOpen(Vertx vertx, VertxTestContext ctx) {
    Path file = dir.resolve("out.jsonl");
    JsonLinesSink sink = new JsonLinesSink(vertx, file);
    vertx.getOrCreateContext().runOnContext(v -> sink.open()
        .compose(x -> {
          sink.write(record(1));
          return sink.flush();
        })
        .compose(x -> {
          ctx.verify(() -> assertEquals(1, lines(file).size()));
          sink.write(record(2));
          return sink.close();
        })
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertEquals(List.of(record(1).toJson().encode(), record(2).toJson().encode()), lines(file));
          ctx.completeNow();
        }))));
  }

  @Test
  void aFullDiskSetsOneClearFailureCountsNothingWrittenAndStillReleasesTheLock(Vertx vertx, VertxTestContext ctx)
      throws IOException {
    assumeTrue(Files.isWritable(Path.of("/dev/full")), "/dev/full is writable here");
    Path file = dir.resolve("full.jsonl"); // every write through the link fails with ENOSPC
    Files.createSymbolicLink(file, Path.of("/dev/full"));
    JsonLinesSink sink = new JsonLinesSink(vertx, file);
    vertx.getOrCreateContext().runOnContext(v -> sink.open()
        .compose(x -> {
          ctx.verify(() -> assertNull(sink.failure()));
          for (int i = 0; i < 10; i++) {
            sink.write(record(i));
          }
          return sink.close();
        })
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertNotNull(sink.failure());
          assertEquals("cannot write output '" + file + "': No space left on device", e.getMessage());
          assertEquals(sink.failure().getMessage(), e.getMessage());
          assertEquals(0, sink.written());
          sink.write(record(99)); // ignored once failed and closed, never throws
          assertFalse(sink.busy());
          assertTrue(Files.isSymbolicLink(file), "the link was not replaced");
          OutputLock.acquire(file).release(); // the lock was released although the writes failed
          ctx.completeNow();
        }))));
  }

  @Test
  void writtenCountsTheRecordsThatReachedTheFile(Vertx vertx, VertxTestContext ctx) {
    Path file = dir.resolve("out.jsonl");
    JsonLinesSink sink = new JsonLinesSink(vertx, file);
    int n = 3_000; // several batches, the last one written at close
    vertx.getOrCreateContext().runOnContext(v -> sink.open()
        .compose(x -> {
          for (int i = 0; i < n; i++) {
            sink.write(record(i));
          }
          ctx.verify(() -> assertTrue(sink.written() < n, "counted before the writes were acknowledged"));
          return sink.close();
        })
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertEquals(n, sink.written());
          assertEquals(n, lines(file).size());
          ctx.completeNow();
        }))));
  }

  @Test
  void closeReleasesTheLockKeepsTheLockFileAndIsSafeToRepeat(Vertx vertx, VertxTestContext ctx) {
    Path file = dir.resolve("out.jsonl");
    JsonLinesSink sink = new JsonLinesSink(vertx, file);
    vertx.getOrCreateContext().runOnContext(v -> sink.open()
        .compose(x -> {
          ctx.verify(() -> {
            IOException locked = assertThrows(IOException.class, () -> OutputLock.acquire(file));
            assertTrue(locked.getMessage().contains("is locked by another run"), locked.getMessage());
          });
          sink.write(record(1));
          return sink.close();
        })
        .compose(x -> sink.close())
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertTrue(Files.exists(dir.resolve("out.jsonl.lock")), "the lock file stays");
          OutputLock.acquire(file).release();
          sink.write(record(2)); // after close: ignored, never throws
          assertFalse(sink.busy());
          assertEquals(List.of(record(1).toJson().encode()), lines(file));
          ctx.completeNow();
        }))));
  }

  @Test
  void openFailsWhenTheParentIsAFile(Vertx vertx, VertxTestContext ctx) throws IOException {
    Files.writeString(dir.resolve("taken"), "x");
    Path file = dir.resolve("taken/out.jsonl");
    JsonLinesSink sink = new JsonLinesSink(vertx, file);
    vertx.getOrCreateContext().runOnContext(v -> sink.open().onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertTrue(e.getMessage().startsWith("cannot open output '" + file + "': "), e.getMessage());
      ctx.completeNow();
    }))));
  }

  @Test
  void closeWithoutOpenSucceeds(Vertx vertx, VertxTestContext ctx) {
    JsonLinesSink sink = new JsonLinesSink(vertx, dir.resolve("never.jsonl"));
    assertFalse(sink.busy());
    sink.close().onComplete(ctx.succeeding(x -> ctx.verify(() -> {
      assertFalse(Files.exists(dir.resolve("never.jsonl")));
      ctx.completeNow();
    })));
  }
}
