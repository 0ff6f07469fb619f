package dev.scraper.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class FileSourceTest {
  /** Line 1 is a comment, 3 and 6 are blank, 5 an indented comment; CRLF endings throughout, none after the last. */
  private static final String FILE = String.join("\r\n",
      "# seeds for the test",
      "http://example.com/1",
      "",
      "  https://example.com/2  ",
      "   # indented comment",
      "   ",
      "ftp://x",
      "http://example.com/3",
      "http://example.com/4",
      "\thttp://example.com/5",
      "example.com/6",
      "http://example.com/7");

  private static final List<SourceEntry> EXPECTED = List.of(
      SourceEntry.of("http://example.com/1", "urls.txt:2"),
      SourceEntry.of("https://example.com/2", "urls.txt:4"),
      new SourceEntry("ftp://x", "urls.txt:7", null, "'ftp://x' is not an http or https URL"),
      SourceEntry.of("http://example.com/3", "urls.txt:8"),
      SourceEntry.of("http://example.com/4", "urls.txt:9"),
      SourceEntry.of("http://example.com/5", "urls.txt:10"),
      new SourceEntry("example.com/6", "urls.txt:11", null,
          "'example.com/6' is not a valid absolute URL (no scheme; start it with http:// or https://)"),
      SourceEntry.of("http://example.com/7", "urls.txt:12"));

  @TempDir
  Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  /** Reads batches of {@code max} until an empty one, keeping the sizes of every batch (the empty one included). */
  private static Future<List<SourceEntry>> drain(UrlSource source, int max, List<SourceEntry> into,
                                                 List<Integer> sizes) {
    return source.next(max).compose(batch -> {
      sizes.add(batch.size());
      if (batch.isEmpty()) {
        return Future.succeededFuture(into);
      }
      into.addAll(batch);
      return drain(source, max, into, sizes);
    });
  }

  @Test
  void batchesOfThreeGiveEveryUrlInOrderWithItsLineAndProblemThenAnEmptyList(Vertx vertx, VertxTestContext ctx)
      throws IOException {
    FileSource source = new FileSource(vertx, write("urls.txt", FILE));
    List<Integer> sizes = new ArrayList<>();
    drain(source, 3, new ArrayList<>(), sizes)
        .compose(entries -> source.next(3).map(after -> {
          ctx.verify(() -> {
            assertEquals(EXPECTED, entries);
            assertEquals(List.of(3, 3, 2, 0), sizes);
            assertEquals(List.of(), after, "an exhausted source stays empty");
          });
          return entries;
        }))
        .compose(entries -> source.close())
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void totalBecomesTheCountOfUrlLines(Vertx vertx, VertxTestContext ctx) throws IOException {
    FileSource source = new FileSource(vertx, write("urls.txt", FILE));
    total(vertx, source, System.currentTimeMillis() + 15_000).onComplete(ctx.succeeding(total -> ctx.verify(() -> {
      assertEquals(EXPECTED.size(), total);
      ctx.completeNow();
    })));
  }

  /** The source's total once known, polled every 5 ms until the deadline (then whatever it is). */
  private static Future<Long> total(Vertx vertx, FileSource source, long deadline) {
    io.vertx.core.Promise<Long> known = io.vertx.core.Promise.promise();
    pollTotal(vertx, source, deadline, known);
    return known.future();
  }

  private static void pollTotal(Vertx vertx, FileSource source, long deadline, io.vertx.core.Promise<Long> known) {
    if (source.total() >= 0 || System.currentTimeMillis() > deadline) {
      known.complete(source.total());
    } else {
      vertx.setTimer(5, id -> pollTotal(vertx, source, deadline, known));
    }
  }

  @Test
  void anEmptyFileGivesAnEmptyBatchAndATotalOfZero(Vertx vertx, VertxTestContext ctx) throws IOException {
    FileSource source = new FileSource(vertx, write("empty.txt", "# only a comment\r\n\r\n"));
    source.next(10).onComplete(ctx.succeeding(batch -> total(vertx, source, System.currentTimeMillis() + 15_000)
        .onComplete(ctx.succeeding(total -> ctx.verify(() -> {
          assertEquals(List.of(), batch);
          assertEquals(0, total);
          ctx.completeNow();
        })))));
  }

  @Test
  void aMissingFileFailsTheFirstBatch(Vertx vertx, VertxTestContext ctx) {
    FileSource source = new FileSource(vertx, dir.resolve("nope.txt"));
    source.next(3).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertTrue(e instanceof java.nio.file.NoSuchFileException, e.toString());
      assertEquals(-1, source.total());
      ctx.completeNow();
    })));
  }

  @Test
  void closingBeforeReadingSucceeds(Vertx vertx, VertxTestContext ctx) throws IOException {
    FileSource source = new FileSource(vertx, write("urls.txt", FILE));
    source.close().onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void whereUsesTheFileNameNotThePath(Vertx vertx, VertxTestContext ctx) throws IOException {
    Files.createDirectories(dir.resolve("nested/deeper"));
    FileSource source = new FileSource(vertx, write("nested/deeper/seeds.list", "\n\nhttp://example.com/\n"));
    source.next(5).onComplete(ctx.succeeding(batch -> ctx.verify(() -> {
      assertEquals(1, batch.size());
      assertEquals("seeds.list:3", batch.get(0).where());
      assertNull(batch.get(0).problem());
      ctx.completeNow();
    })));
  }

  @Test
  void aByteOrderMarkAtTheStartOfTheFileIsIgnored(Vertx vertx, VertxTestContext ctx) throws IOException {
    FileSource source = new FileSource(vertx,
        write("bom.txt", "\uFEFFhttp://example.com/1\r\nhttp://example.com/2\r\n"));
    FileSource commented = new FileSource(vertx, write("bom-comment.txt", "\uFEFF# seeds\nhttp://example.com/3\n"));
    source.next(5).compose(first -> commented.next(5).map(second -> {
      ctx.verify(() -> {
        assertEquals(List.of(SourceEntry.of("http://example.com/1", "bom.txt:1"),
            SourceEntry.of("http://example.com/2", "bom.txt:2")), first);
        assertEquals(List.of(SourceEntry.of("http://example.com/3", "bom-comment.txt:2")), second);
      });
      return second;
    })).onComplete(ctx.succeedingThenComplete());
  }
}
