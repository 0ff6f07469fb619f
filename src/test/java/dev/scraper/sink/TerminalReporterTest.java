package dev.scraper.sink;

import dev.scraper.record.Record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.metrics.RunStats;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS) // generous: only a hang should reach it, not a loaded machine
class TerminalReporterTest {
  private static final String ESC = "\u001b";
  private static final Record OK = record("http://example.com/ok", 200, 12, null, null);
  private static final Record MOVED = record("http://example.com/moved", 301, 7, null, null);
  private static final Record DOWN = record("http://example.com/down", null, 3, "connect", "Connection refused");
  private static final Record GONE = record("http://example.com/gone", 404, 45, "http-status", "HTTP 404");

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @org.junit.jupiter.api.AfterEach
  void textLogsAgain() {
    LogFormat.json(false);
  }

  private static Record record(String url, Integer status, long latencyMs, String errorType, String errorMessage) {
    return new Record("shop", "r1", url, url, status, latencyMs, 1_536, "text/html", 0L, 1, 0, null, false,
        new JsonObject(), errorType, errorMessage);
  }

  /** Runs {@code feed} on one event loop, closes the reporter and checks what reached the stream. */
  private void run(Vertx vertx, VertxTestContext ctx, boolean tty, boolean quiet, boolean showJob,
                   Consumer<TerminalReporter> feed, Consumer<String> check) {
    vertx.getOrCreateContext().runOnContext(v -> {
      TerminalReporter reporter = new TerminalReporter(vertx, out, tty, quiet, showJob);
      feed.accept(reporter);
      reporter.close().onComplete(ctx.succeeding(x -> ctx.verify(() -> {
        check.accept(bytes.toString(StandardCharsets.UTF_8));
        ctx.completeNow();
      })));
    });
  }

  private static RunStats stats(Record... records) {
    RunStats s = new RunStats();
    for (Record r : records) {
      s.add(r);
    }
    s.duplicate();
    s.finish();
    return s;
  }

  @Test
  void plainLinesNameStatusLatencyUrlAndErrorWithoutColour(Vertx vertx, VertxTestContext ctx) {
    run(vertx, ctx, false, false, false, r -> {
      r.url(OK);
      r.url(DOWN);
      r.url(GONE);
    }, text -> {
      List<String> lines = text.lines().toList();
      assertEquals(3, lines.size(), text);
      assertEquals("OK  200     12 ms  http://example.com/ok", lines.get(0));
      assertTrue(lines.get(1).startsWith("ERR ---"), lines.get(1));
      assertTrue(lines.get(1).contains(" 3 ms"), lines.get(1));
      assertTrue(lines.get(1).contains("http://example.com/down"), lines.get(1));
      assertTrue(lines.get(1).endsWith("connect: Connection refused"), lines.get(1));
      assertEquals("ERR 404     45 ms  http://example.com/gone  http-status: HTTP 404", lines.get(2));
      assertFalse(text.contains(ESC), "no escape codes when not a terminal");
    });
  }

  @Test
  void onATerminalStatusesAndErrorsAreColoured(Vertx vertx, VertxTestContext ctx) {
    run(vertx, ctx, true, false, false, r -> {
      r.url(OK);
      r.url(MOVED);
      r.url(DOWN);
    }, text -> {
      List<String> lines = text.lines().toList();
      assertEquals(3, lines.size(), text);
      assertEquals(ESC + "[32mOK  200" + ESC + "[0m     12 ms  http://example.com/ok", lines.get(0));
      assertTrue(lines.get(1).startsWith(ESC + "[33mOK  301" + ESC + "[0m"), lines.get(1));
      assertTrue(lines.get(2).startsWith(ESC + "[31mERR ---" + ESC + "[0m"), lines.get(2));
      assertTrue(lines.get(2).endsWith(ESC + "[31mconnect: Connection refused" + ESC + "[0m"), lines.get(2));
    });
  }

  @Test
  void showJobPrefixesEachLineWithTheJobName(Vertx vertx, VertxTestContext ctx) {
    run(vertx, ctx, false, false, true, r -> r.url(OK),
        text -> assertEquals("[shop] OK  200     12 ms  http://example.com/ok\n", text));
  }

  @Test
  void quietPrintsNoPerUrlLineButTheSummaryAndOwnLines(Vertx vertx, VertxTestContext ctx) {
    run(vertx, ctx, false, true, false, r -> {
      r.url(OK);
      r.url(DOWN);
      r.line("a line of its own");
      r.summary("shop", "r1", stats(OK, DOWN), "out/shop.jsonl");
    }, text -> {
      assertFalse(text.contains("http://example.com/ok"), text);
      assertFalse(text.contains("ERR"), text);
      assertTrue(text.startsWith("a line of its own\n"), text);
      assertTrue(text.contains("== shop (run r1) "), text);
      assertTrue(text.contains("output    out/shop.jsonl"), text);
    });
  }

  @Test
  void theSummaryCountsUrlsOkErrorsByTypeLatencyAndBytes(Vertx vertx, VertxTestContext ctx) {
    run(vertx, ctx, false, false, false, r -> r.summary("shop", "r1", stats(OK, MOVED, DOWN, GONE), "shop.jsonl"),
        text -> {
          List<String> lines = text.lines().toList();
          assertTrue(lines.get(0).startsWith("== shop (run r1) ==="), lines.get(0));
          assertEquals(60, lines.get(0).length(), "the heading is padded to 60 columns");
          assertTrue(lines.contains("URLs      4 (1 duplicate skipped)"), text);
          assertTrue(lines.contains("ok        2"), text);
          assertTrue(lines.contains("errors    2: connect 1, http-status 1"), text);
          assertTrue(lines.contains("latency   p50 7 ms, p95 45 ms, max 45 ms"), text);
          assertTrue(lines.contains("bytes     6.0 KB"), text);
          assertTrue(lines.contains("output    shop.jsonl"), text);
          String elapsed = "elapsed   \\d+\\.\\d\\d s \\(\\d+\\.\\d pages/s\\)";
          String speedup = "speed-up  \\d+\\.\\dx over fetching one URL after another";
          assertTrue(lines.stream().anyMatch(l -> l.matches(elapsed)), text);
          assertTrue(lines.stream().anyMatch(l -> l.matches(speedup)), text);
          assertFalse(text.contains(ESC), text);
        });
  }

  @Test
  void theSpeedUpLineAppearsOnlyWhereItMeansSomething(Vertx vertx, VertxTestContext ctx) {
    run(vertx, ctx, false, false, false, r -> r.summary("one", "r1", stats(OK), "one.jsonl"),
        text -> assertFalse(text.contains("speed-up"), "one URL has no speed-up: " + text));
  }

  @Test
  void aServerCannotRepaintTheTerminalThroughAUrlOrAReasonPhrase(Vertx vertx, VertxTestContext ctx) {
    Record evil = record("http://example.com/\u001b[2J\u001b[H", 500, 3, "http-status",
        "HTTP 500 \u001b]0;owned\u0007\r\u009b31m");
    run(vertx, ctx, true, false, false, r -> r.url(evil), text -> {
      assertFalse(text.contains("\u001b[2J") || text.contains("\u001b]0;") || text.contains("\u0007")
          || text.contains("\r") || text.contains("\u009b"), text);
      assertTrue(text.contains("http://example.com/\\x1b[2J\\x1b[H"), text);
      assertTrue(text.contains("HTTP 500 \\x1b]0;owned\\x07\\x0d\\x9b31m"), text);
    });
  }

  @Test
  void aRedirectThatIsNotFollowedShowsWhereItPoints(Vertx vertx, VertxTestContext ctx) {
    Record moved = new Record("shop", "r1", "http://example.com/old", "http://example.com/old", 301, 5, 0, null, 0L,
        1, 0, null, true, new JsonObject(), null, null, "https://example.com/new", List.of(), null);
    run(vertx, ctx, false, false, false, r -> r.url(moved),
        text -> assertEquals("OK  301      5 ms  http://example.com/old  -> https://example.com/new\n", text));
  }

  @Test
  void aBigRunOnATerminalShowsItsErrorsButNotEveryOkLine(Vertx vertx, VertxTestContext ctx) {
    run(vertx, ctx, true, false, false, r -> {
      for (int i = 0; i < 200; i++) {
        r.url(i % 50 == 7 ? DOWN : OK);
      }
    }, text -> {
      long ok = text.lines().filter(l -> l.contains("OK  ")).count();
      long errors = text.lines().filter(l -> l.contains("ERR ")).count();
      assertEquals(TerminalReporter.MAX_OK_LINES, ok, text);
      assertEquals(4, errors, "every error is shown");
      assertTrue(text.contains("from here on only errors are shown"), text);
    });
  }

  @Test
  void theSummaryTellsHowManyRecordsTheFileHoldsWhenNotAll(Vertx vertx, VertxTestContext ctx) {
    run(vertx, ctx, false, false, false, r -> {
      r.summary("shop", "r1", stats(OK, MOVED, DOWN, GONE), "shop.jsonl", 1);
      r.summary("all", "r2", stats(OK, MOVED, DOWN, GONE), "all.jsonl", 4);
    }, text -> {
      List<String> lines = text.lines().toList();
      int written = lines.indexOf("written   1 of 4 records");
      assertTrue(written > 0, text);
      assertEquals("output    shop.jsonl", lines.get(written + 1), text);
      assertEquals(1, lines.stream().filter(l -> l.startsWith("written")).count(), "only when not all: " + text);
    });
  }

  @Test
  void onATerminalTheSummaryHeadingIsBold(Vertx vertx, VertxTestContext ctx) {
    run(vertx, ctx, true, false, false, r -> r.summary("shop", "r1", stats(OK), "shop.jsonl"),
        text -> assertTrue(text.startsWith(ESC + "[1m== shop (run r1) "), text));
  }

  @Test
  void closingWithNothingPendingWritesNothing(Vertx vertx, VertxTestContext ctx) {
    run(vertx, ctx, true, false, false, r -> {
    }, text -> assertEquals("", text));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      0                | 0 B
      1                | 1 B
      1023             | 1023 B
      1024             | 1.0 KB
      1536             | 1.5 KB
      10240            | 10.0 KB
      1048576          | 1.0 MB
      1234567          | 1.2 MB
      1073741824       | 1.0 GB
      1099511627776    | 1.0 TB
      1125899906842624 | 1024.0 TB
      """)
  void humanBytesUsesBinaryUnitsWithOneDecimal(long n, String expected) {
    assertEquals(expected, TerminalReporter.humanBytes(n));
  }

  @Test
  void withJsonLogFormatEveryLineIsAJsonObjectWithTimeLevelAndMessage(Vertx vertx, VertxTestContext ctx) {
    LogFormat.json(true);
    run(vertx, ctx, true, false, false, r -> {
      r.url(OK);
      r.url(GONE);
      r.line("scraper: job shop runs every 30s", new JsonObject().put("job", "shop"));
      r.problem("scraper: job shop: a warning with \u001b[2J in it");
      r.summary("shop", "r1", stats(OK, GONE), "shop.jsonl");
    }, text -> {
      LogFormat.json(false);
      List<JsonObject> lines = text.lines().map(JsonObject::new).toList(); // each line parses on its own
      assertEquals(5, lines.size(), text);
      for (JsonObject l : lines) {
        java.time.Instant.parse(l.getString("time"));
        assertTrue(List.of("info", "warn").contains(l.getString("level")), l.encode());
      }
      assertEquals("http://example.com/ok", lines.get(0).getJsonObject("record").getString("url"));
      assertEquals("warn", lines.get(1).getString("level"), "an error record logs as a warning");
      assertEquals("shop", lines.get(2).getString("job"));
      assertEquals("scraper: job shop runs every 30s", lines.get(2).getString("msg"));
      assertEquals("warn", lines.get(3).getString("level"));
      assertEquals("run summary", lines.get(4).getString("msg"));
      assertEquals(2, lines.get(4).getInteger("urls"));
      assertEquals(1, lines.get(4).getJsonObject("errors").getInteger("http-status"));
      assertFalse(text.contains(ESC), "no colours or progress line in JSON, even on a terminal");
    });
  }
}
