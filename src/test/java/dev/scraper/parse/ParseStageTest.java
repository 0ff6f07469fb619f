package dev.scraper.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.config.FieldSpec;
import dev.scraper.extract.Extractor;
import dev.scraper.testing.routes.Latin1Route;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.threadchecker.BlockedThreadChecker;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.ByteArrayOutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS) // generous: only a hang should reach it, not a loaded machine
class ParseStageTest {
  private static final String BASE = "http://site.test/dir/page.html";
  private static final int ITEMS = 40_000;
  /**
   * How long the event loop may be held, by the blocked-thread checker's measure and by the timer's: well above what
   * a loaded machine's scheduling and a JIT compile can add (tens, at times a few hundred ms), and well below what a
   * parse on the event loop shows: one thread takes 1.5 to 5.4 s (JIT warm to cold) for the five pages of the test
   * below on the machine this was written on.
   */
  private static final long STALL_MS = 1000;
  /** Held strongly: java.util.logging only keeps weak references to loggers. */
  private static final Logger BLOCKED_LOG = Logger.getLogger(BlockedThreadChecker.LOGGER_NAME);

  private final List<LogRecord> blockedWarnings = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
        blockedWarnings.add(r);
      }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };
  private Vertx strict;
  /**
   * Held in a field: Vert.x closes a worker executor (dropping its queued tasks) once it is garbage collected, so
   * a ParseStage that only a finished lambda referenced would lose its pending parses.
   */
  private ParseStage stage;

  @AfterEach
  void tearDown(VertxTestContext ctx) {
    BLOCKED_LOG.removeHandler(capture);
    if (strict == null) {
      ctx.completeNow();
      return;
    }
    strict.close().onComplete(ctx.succeedingThenComplete());
  }

  private static Extractor extractor(FieldSpec... fields) {
    Map<String, FieldSpec> map = new LinkedHashMap<>();
    for (FieldSpec f : fields) {
      map.put(f.name(), f);
    }
    return new Extractor(map);
  }

  private static Extractor titleAndHeading() {
    return extractor(new FieldSpec("title", "title", null, false, false),
        new FieldSpec("h1", "h1", null, false, false));
  }

  /** A page in {@code encoding}, optionally with a {@code <meta charset>} and a byte order mark in front. */
  private static Buffer page(String encoding, String bom, String meta, String text) {
    String html = "<!doctype html>\n<html><head>" + (meta == null ? "" : "<meta charset=\"" + meta + "\">")
        + "<title>" + text + "</title></head>\n<body><h1>" + text + "</h1></body></html>\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    switch (bom == null ? "none" : bom) {
      case "utf8" -> out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      case "utf16le" -> out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE});
      case "none" -> {
      }
      default -> throw new IllegalArgumentException(bom);
    }
    out.writeBytes(html.getBytes(Charset.forName(encoding)));
    return Buffer.buffer(out.toByteArray());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      latin-1, charset only in meta            | ISO-8859-1 | NULL    | text/html                          | iso-8859-1 | Café München ½
      latin-1, unknown header charset, meta    | ISO-8859-1 | NULL    | text/html; charset=x-no-such-thing | iso-8859-1 | Café München ½
      latin-1, no header at all, meta          | ISO-8859-1 | NULL    | NULL                               | iso-8859-1 | Café München ½
      utf-8 BOM beats a wrong header charset   | UTF-8      | utf8    | text/html; charset=ISO-8859-1      | NULL       | Café München ½
      utf-16le with a BOM                      | UTF-16LE   | utf16le | text/html                          | NULL       | Café München ½
      utf-8 in the header                      | UTF-8      | NULL    | text/html; charset=utf-8           | NULL       | Café München ½
      shift_jis in the header                  | Shift_JIS  | NULL    | text/html; charset=Shift_JIS       | NULL       | 日本語のページです
      shift_jis in meta                        | Shift_JIS  | NULL    | text/html                          | shift_jis  | 日本語のページです
      gb2312 in the header                     | GB2312     | NULL    | text/html; charset=GB2312          | NULL       | 简体中文页面
      gb2312 in meta                           | GB2312     | NULL    | text/html                          | gb2312     | 简体中文页面
      """)
  void pagesAreDecodedWithTheirCharset(String caseName, String encoding, String bom, String contentType,
                                       String meta, String text, Vertx vertx, VertxTestContext ctx) {
    stage = new ParseStage(vertx, 2);
    stage.parse(page(encoding, bom, meta, text), contentType, BASE, titleAndHeading())
        .onComplete(ctx.succeeding(fields -> ctx.verify(() -> {
          assertEquals(text, fields.getString("title"), caseName);
          assertEquals(text, fields.getString("h1"), caseName);
          ctx.completeNow();
        })));
  }

  @Test
  void theLatin1RoutesTitleSurvivesAMetaOnlyCharset() throws Exception {
    Document doc = ParseStage.parse(page("ISO-8859-1", null, "iso-8859-1", Latin1Route.TITLE),
        ContentTypes.charset("text/html"), BASE);
    assertEquals(Latin1Route.TITLE, doc.title());
    assertEquals(Latin1Route.TITLE, doc.selectFirst("h1").text());
  }

  @Test
  void relativeLinksResolveAgainstTheBaseUriGiven(Vertx vertx, VertxTestContext ctx) {
    Buffer body = Buffer.buffer("<a href=\"next.html\">n</a><a href=\"../up.html\">u</a>");
    Extractor links = extractor(new FieldSpec("links", "a", "abs:href", true, false));
    stage = new ParseStage(vertx, 1);
    stage.parse(body, "text/html", BASE, links).onComplete(ctx.succeeding(fields -> ctx.verify(() -> {
      assertEquals(new JsonArray().add("http://site.test/dir/next.html").add("http://site.test/up.html"),
          fields.getJsonArray("links"));
      ctx.completeNow();
    })));
  }

  @Test
  void parsingRunsOnTheScraperParsePoolNotOnTheEventLoop(Vertx vertx, VertxTestContext ctx) {
    AtomicReference<String> readBy = new AtomicReference<>();
    AtomicReference<Boolean> readOnEventLoop = new AtomicReference<>();
    Buffer real = Buffer.buffer("<h1>pooled</h1>");
    Buffer spy = (Buffer) Proxy.newProxyInstance(Buffer.class.getClassLoader(), new Class<?>[] {Buffer.class},
        (proxy, method, args) -> {
          if (method.getName().equals("getBytes") && method.getParameterCount() == 0) {
            readBy.set(Thread.currentThread().getName());
            readOnEventLoop.set(Context.isOnEventLoopThread());
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    stage = new ParseStage(vertx, 2);
    vertx.getOrCreateContext().runOnContext(v -> stage.parse(spy, "text/html", BASE, titleAndHeading())
        .onComplete(ctx.succeeding(fields -> ctx.verify(() -> {
          assertEquals("pooled", fields.getString("h1"));
          assertNotNull(readBy.get(), "the body was read");
          assertTrue(readBy.get().startsWith(ParseStage.POOL + "-"), readBy.get());
          assertFalse(readOnEventLoop.get());
          assertTrue(Context.isOnEventLoopThread(), "the result comes back on the caller's event loop");
          ctx.completeNow();
        }))));
  }

  /** About 5.4 MB: {@value #ITEMS} list items of ~135 bytes. */
  private static Buffer bigPage() {
    StringBuilder b = new StringBuilder(ITEMS * 120).append("<!doctype html><html><head><meta charset=\"utf-8\">")
        .append("<title>big</title></head><body><ul>\n");
    for (int i = 0; i < ITEMS; i++) {
      String n = String.format("%05d", i);
      b.append("<li class=\"item\"><a href=\"/items/").append(n).append(".html\">Item ").append(n)
          .append(" – a description long enough to make the page weigh several megabytes</a></li>\n");
    }
    return Buffer.buffer(b.append("</ul></body></html>\n").toString());
  }

  /** Stop-the-world GC time so far, over all collectors. */
  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  private Vertx strictVertx() {
    strict = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(100).setMaxEventLoopExecuteTime(STALL_MS)
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    BLOCKED_LOG.addHandler(capture);
    return strict;
  }

  private List<String> eventLoopWarnings() {
    List<String> out = new ArrayList<>();
    for (LogRecord r : blockedWarnings) {
      if (r.getMessage().contains("vert.x-eventloop-thread")) {
        out.add(r.getMessage());
      }
    }
    return out;
  }

  @Test
  @Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
  void theEventLoopStaysResponsiveWhileFiveLargePagesParseInParallel(VertxTestContext ctx) {
    Vertx vertx = strictVertx();
    Buffer page = bigPage();
    assertTrue(page.length() >= 5_000_000, "page is " + page.length() + " bytes");
    stage = new ParseStage(vertx, 2);
    Extractor items = extractor(new FieldSpec("items", "li.item", null, true, false),
        new FieldSpec("links", "li.item a", "abs:href", true, false));
    AtomicLong maxStallMs = new AtomicLong();
    AtomicLong maxGapMs = new AtomicLong();
    vertx.getOrCreateContext().runOnContext(v -> {
      // A tick's lateness minus the stop-the-world GC time in between: what the event loop itself was kept from.
      long[] last = {System.nanoTime(), gcMillis()};
      Runnable tick = () -> {
        long now = System.nanoTime();
        long gc = gcMillis();
        long gapMs = TimeUnit.NANOSECONDS.toMillis(now - last[0]);
        maxGapMs.accumulateAndGet(gapMs, Math::max);
        maxStallMs.accumulateAndGet(gapMs - (gc - last[1]), Math::max);
        last[0] = now;
        last[1] = gc;
      };
      long timer = vertx.setPeriodic(5, id -> tick.run());
      List<Future<JsonObject>> parses = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        parses.add(stage.parse(page, "text/html; charset=utf-8", BASE, items));
      }
      Future.all(parses).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
        vertx.cancelTimer(timer);
        tick.run();
        for (int i = 0; i < 5; i++) {
          JsonObject fields = all.resultAt(i);
          JsonArray texts = fields.getJsonArray("items");
          assertEquals(ITEMS, texts.size());
          assertEquals("Item 00000 – a description long enough to make the page weigh several megabytes",
              texts.getString(0));
          assertTrue(texts.getString(ITEMS - 1).startsWith("Item 39999 "), texts.getString(ITEMS - 1));
          assertEquals(ITEMS, fields.getJsonArray("links").size());
          assertEquals("http://site.test/items/12345.html", fields.getJsonArray("links").getString(12345));
        }
        assertTrue(maxStallMs.get() <= STALL_MS, "a 5 ms timer on the event loop waited " + maxStallMs.get()
            + " ms beyond GC pauses (" + maxGapMs.get() + " ms in all)");
        assertEquals(List.of(), eventLoopWarnings());
        ctx.completeNow();
      })));
    });
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void theBlockedThreadCaptureSeesABlockedEventLoop(VertxTestContext ctx) {
    Vertx vertx = strictVertx();
    vertx.getOrCreateContext().runOnContext(v -> {
      // Control for the test above: hold the event loop until the checker complains (or 20 s pass).
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (eventLoopWarnings().isEmpty() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      ctx.verify(() -> {
        List<String> warnings = eventLoopWarnings();
        assertFalse(warnings.isEmpty(), "no blocked-thread warning was captured");
        assertTrue(warnings.get(0).contains("has been blocked for"), warnings.get(0));
        ctx.completeNow();
      });
    });
  }
}
