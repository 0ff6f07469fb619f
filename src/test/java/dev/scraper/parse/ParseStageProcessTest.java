package dev.scraper.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.config.FieldSpec;
import dev.scraper.extract.Extractor;
import dev.scraper.record.ErrorType;
import dev.scraper.fetch.FetchResult;
import dev.scraper.record.Record;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ParseStage#process}: a fetched body, still in its Content-Encoding, to the record and its JSON line. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class ParseStageProcessTest {
  private static final String URL = "http://site.test/products/1.html";
  private static final String FINAL_URL = "http://site.test/products/one.html";
  private static final long MAX = 1L << 20;
  private static final String PAGE = """
      <!doctype html>
      <html><head><meta charset="utf-8"><title>Café Espresso Cup</title></head>
      <body><h1 class="title">Café Espresso Cup</h1><p class="price">€ 12.50</p>
      <img class="cover" src="/img/cup.png">
      <ul><li class="tag">cups</li><li class="tag">coffee</li></ul></body></html>
      """;
  /** A valid 1x1 PNG. */
  private static final byte[] PNG = Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

  /** The threads the record maker ran on, in call order. */
  private final List<String> makerThreads = new CopyOnWriteArrayList<>();
  /**
   * Held in a field: Vert.x closes a worker executor (dropping its queued tasks) once it is garbage collected, so
   * a ParseStage that only a finished lambda referenced would lose its pending work.
   */
  private ParseStage stage;

  private static Extractor extractor() {
    Map<String, FieldSpec> specs = new LinkedHashMap<>();
    specs.put("title", new FieldSpec("title", "h1.title", null, false, false));
    specs.put("price", new FieldSpec("price", "p.price", null, false, false));
    specs.put("image", new FieldSpec("image", "img.cover", "abs:src", false, false));
    specs.put("tags", new FieldSpec("tags", "li.tag", null, true, false));
    return new Extractor(specs);
  }

  private static JsonObject expectedFields() {
    return new JsonObject().put("title", "Café Espresso Cup").put("price", "€ 12.50")
        .put("image", "http://site.test/img/cup.png").put("tags", new JsonArray().add("cups").add("coffee"));
  }

  /** A successful fetch of {@code raw} as received: {@code bytes} is the size on the wire. */
  private static FetchResult fetched(byte[] raw, String contentType, String contentEncoding) {
    return new FetchResult(URL, FINAL_URL, 200, 12, Buffer.buffer(raw), raw.length, contentType, contentEncoding,
        1_795_000_000_000L, 1, null, List.of(), null);
  }

  /** Builds the record as the job runner does, noting the thread it runs on. */
  private Record make(FetchResult f, long bytes, JsonObject fields, ErrorType error, String message) {
    makerThreads.add(Thread.currentThread().getName());
    return new Record("test", "run-1", f.url(), f.finalUrl(), f.status(), f.latencyMs(), bytes, f.contentType(),
        f.fetchedAt(), f.attempts(), 0, null, true, fields == null ? new JsonObject() : fields,
        error == null ? null : error.wire(), message);
  }

  private Future<ParseStage.Encoded> process(Vertx vertx, FetchResult f) {
    stage = new ParseStage(vertx, 2);
    return stage.process(f, extractor(), MAX, this::make);
  }

  private static byte[] encode(String encoding, byte[] data) {
    return switch (encoding == null ? "none" : encoding) {
      case "gzip", "x-gzip" -> Compressed.gzip(data);
      case "deflate" -> Compressed.zlib(data);
      case "none", "identity" -> data;
      default -> throw new IllegalArgumentException(encoding);
    };
  }

  /** The JSON line: one line, ending in a newline, that parses back to the record's JSON. */
  private static void assertLineIsTheRecord(ParseStage.Encoded encoded) {
    String line = encoded.line().toString(StandardCharsets.UTF_8);
    assertTrue(line.endsWith("\n"), line);
    assertEquals(line.length() - 1, line.indexOf('\n'), "a single line: " + line);
    assertEquals(encoded.record().toJson(), new JsonObject(line.substring(0, line.length() - 1)));
  }

  @ParameterizedTest(name = "[{index}] Content-Encoding {0}")
  @CsvSource(nullValues = "NULL", textBlock = """
      gzip
      x-gzip
      deflate
      identity
      NULL
      """)
  void anEncodedHtmlPageGivesARecordWithItsFieldsAndItsDecodedSize(String encoding, Vertx vertx,
                                                                   VertxTestContext ctx) {
    byte[] html = PAGE.getBytes(StandardCharsets.UTF_8);
    byte[] raw = encode(encoding, html);
    process(vertx, fetched(raw, "text/html; charset=utf-8", encoding))
        .onComplete(ctx.succeeding(encoded -> ctx.verify(() -> {
          Record r = encoded.record();
          assertNull(r.errorType(), r.errorMessage());
          assertEquals(expectedFields(), r.fields());
          assertEquals(html.length, r.bytes(), "bytes counts the decoded body");
          assertEquals(URL, r.url());
          assertEquals(FINAL_URL, r.finalUrl());
          assertEquals(200, r.status());
          assertLineIsTheRecord(encoded);
          JsonObject line = new JsonObject(encoded.line().toString(StandardCharsets.UTF_8).strip());
          assertEquals(expectedFields(), line.getJsonObject("fields"));
          assertEquals(html.length, line.getLong("bytes"));
          assertNull(line.getValue("error"));
          ctx.completeNow();
        })));
  }

  @Test
  void aGzippedPngServedAsTextHtmlIsNotHtml(Vertx vertx, VertxTestContext ctx) {
    process(vertx, fetched(Compressed.gzip(PNG), "text/html", "gzip"))
        .onComplete(ctx.succeeding(encoded -> ctx.verify(() -> {
          Record r = encoded.record();
          assertEquals("not-html", r.errorType());
          assertTrue(r.errorMessage().contains("binary"), r.errorMessage());
          assertEquals(PNG.length, r.bytes(), "the decoded PNG was sniffed, not its gzip");
          assertEquals(new JsonObject(), r.fields());
          assertLineIsTheRecord(encoded);
          ctx.completeNow();
        })));
  }

  @Test
  void aGzipBombIsBodyTooLargeAndCountsTheBytesReceived(Vertx vertx, VertxTestContext ctx) {
    byte[] bomb = Compressed.zeros(256 * MAX); // 256 MiB of zeros in about 256 KiB
    process(vertx, fetched(bomb, "text/html", "gzip"))
        .onComplete(ctx.succeeding(encoded -> ctx.verify(() -> {
          Record r = encoded.record();
          assertEquals("body-too-large", r.errorType());
          assertTrue(r.errorMessage().contains("maxBodyBytes=" + MAX), r.errorMessage());
          assertEquals(bomb.length, r.bytes(), "nothing was decoded to count: the size on the wire");
          assertEquals(new JsonObject(), r.fields());
          assertLineIsTheRecord(encoded);
          ctx.completeNow();
        })));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(textBlock = """
      # what is wrong with the gzip body
      cut short
      garbage in the data
      not gzip at all
      """)
  void aCorruptGzipBodyIsProtocol(String what, Vertx vertx, VertxTestContext ctx) {
    byte[] gz = Compressed.gzip(Compressed.text(20_000));
    byte[] raw = switch (what) {
      case "cut short" -> Arrays.copyOf(gz, gz.length / 2);
      case "garbage in the data" -> {
        Arrays.fill(gz, 20, 60, (byte) 0xA5);
        yield gz;
      }
      default -> PAGE.getBytes(StandardCharsets.UTF_8);
    };
    process(vertx, fetched(raw, "text/html", "gzip"))
        .onComplete(ctx.succeeding(encoded -> ctx.verify(() -> {
          Record r = encoded.record();
          assertEquals("protocol", r.errorType(), r.errorMessage());
          assertTrue(r.errorMessage().startsWith("corrupt gzip body"), r.errorMessage());
          assertEquals(raw.length, r.bytes());
          assertEquals(new JsonObject(), r.fields());
          assertLineIsTheRecord(encoded);
          ctx.completeNow();
        })));
  }

  @Test
  void theWorkRunsOnTheScraperParsePoolNotOnTheCallersEventLoop(Vertx vertx, VertxTestContext ctx) {
    stage = new ParseStage(vertx, 2);
    Extractor extractor = extractor();
    byte[] gz = Compressed.gzip(PAGE.getBytes(StandardCharsets.UTF_8));
    vertx.runOnContext(v -> {
      String caller = Thread.currentThread().getName();
      Future.all(List.of(
          stage.process(fetched(gz, "text/html", "gzip"), extractor, MAX, this::make),
          stage.process(fetched(Compressed.gzip(PNG), "text/html", "gzip"), extractor, MAX, this::make),
          stage.process(fetched(new byte[] {1, 2, 3}, "text/html", "gzip"), extractor, MAX, this::make)))
          .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
            assertEquals(3, makerThreads.size(), makerThreads.toString());
            for (String thread : makerThreads) {
              assertTrue(thread.startsWith("scraper-parse-"), "record made on " + thread);
              assertFalse(thread.equals(caller), "not on the caller's thread " + caller);
            }
            ctx.completeNow();
          })));
    });
  }
}
