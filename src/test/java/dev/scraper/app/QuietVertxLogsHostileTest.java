package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.engine.EngineRun;
import dev.scraper.testing.hostile.HostileRoutes;
import dev.scraper.testing.hostile.HostileServer;
import io.netty.channel.ChannelOption;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile server's routes (but the gzip bomb, whose failure is that of /endless-chunked) and a few more raw
 * misbehaviours, scraped in one job with {@link QuietVertxLogs} installed and a handler at the root logger: every URL
 * gets its record, Vert.x and Netty publish nothing at WARNING or above, and the failures Vert.x did log are there
 * at FINE, with their exceptions.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class QuietVertxLogsHostileTest {
  private static final Logger ROOT = Logger.getLogger("");
  private static final String BODY = "<!doctype html><title>x</title><h1>x</h1>";
  /** Path of the extra server to its answer and the error type expected for it. */
  private static final Map<String, BiConsumer<Vertx, NetSocket>> EXTRA = new LinkedHashMap<>();
  private static final Map<String, String> EXTRA_EXPECTED = new LinkedHashMap<>();

  static {
    extra("/bad-header-name", "protocol", (v, s) -> s.write(head("Bad\u0001Name: x") + BODY));
    extra("/bad-header-value", "protocol", (v, s) -> s.write(head("X-A: a\u0000b") + BODY));
    // complete answers; 100 ms later, with no request in flight, the kept-alive connection is reset or sent bytes
    extra("/reset-after-response", null, (v, s) -> s.write(head() + BODY).onComplete(w -> v.setTimer(100, t -> {
      ((NetSocketInternal) s).channelHandlerContext().channel().config().setOption(ChannelOption.SO_LINGER, 0);
      s.close(); // a RST, as SO_LINGER is 0
    })));
    extra("/garbage-after-response", null, (v, s) -> s.write(head() + BODY)
        .onComplete(w -> v.setTimer(100, t -> s.write("GARBAGE\r\n\r\n"))));
  }

  /** Exceptions the connection logged, by simple class name, that must now be at FINE (seen with Vert.x 5.0.10). */
  private static final Set<String> DEMOTED = Set.of("SocketException", "PrematureChannelClosureException",
      "TooLongHttpHeaderException", "NumberFormatException", "IllegalArgumentException");

  private final List<LogRecord> published = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      published.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  @TempDir
  Path dir;

  private static void extra(String path, String expected, BiConsumer<Vertx, NetSocket> answer) {
    EXTRA.put(path, answer);
    EXTRA_EXPECTED.put(path, expected);
  }

  private static String head(String... headers) {
    String extra = headers.length == 0 ? "" : String.join("\r\n", headers) + "\r\n";
    return "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + extra + "Content-Length: " + BODY.length() + "\r\n\r\n";
  }

  @BeforeEach
  void listen() {
    QuietVertxLogs.install();
    capture.setLevel(Level.ALL);
    ROOT.addHandler(capture);
  }

  @AfterEach
  void stopListening() {
    ROOT.removeHandler(capture);
  }

  @Test
  void handledFailuresLogNothingAboveFineAndEveryUrlKeepsItsRecord(Vertx vertx, VertxTestContext ctx) {
    Map<String, String> expected = new LinkedHashMap<>();
    HostileServer.start(vertx).compose(hostile -> extraServer(vertx).compose(extra -> {
      HostileRoutes.EXPECTED_ERROR.forEach((path, type) -> {
        if (!path.equals("/gzip-bomb")) {
          expected.put(hostile.url(path), type);
        }
      });
      EXTRA_EXPECTED.forEach((path, type) -> expected.put("http://127.0.0.1:" + extra.actualPort() + path, type));
      JsonObject job = new JsonObject().put("urls", new JsonArray(List.copyOf(expected.keySet())))
          .put("concurrency", 64).put("perHost", 64).put("robotsTxt", false)
          // budgets as HostileWebTest's: generous for the routes that answer, above the slow routes' 500 ms gaps
          .put("timeoutMs", 5000).put("idleTimeoutMs", 2000).put("connectTimeoutMs", 2000)
          .put("maxRedirects", 5).put("maxBodyBytes", 1 << 20).put("retries", 0)
          .put("extract", new JsonObject().put("h1", "h1"));
      return EngineRun.runJob(vertx, job, dir);
    })).onComplete(ctx.succeeding(run -> ctx.verify(() -> {
      Map<String, JsonObject> records = run.byUrl();
      assertEquals(expected.keySet(), records.keySet(), "one record per URL");
      expected.forEach((url, type) -> {
        assertNotNull(records.get(url), url);
        assertEquals(type, EngineRun.errorType(records.get(url)), url + " -> " + records.get(url).encode());
      });
      awaitDemoted(vertx).onComplete(ctx.succeeding(seen -> ctx.verify(() -> {
        List<String> loud = published.stream()
            .filter(r -> r.getLoggerName() != null
                && (r.getLoggerName().startsWith("io.vertx") || r.getLoggerName().startsWith("io.netty")))
            .filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
            .map(QuietVertxLogsHostileTest::describe).collect(Collectors.toList());
        assertEquals(List.of(), loud, "Vert.x or Netty logged above FINE");
        assertTrue(seen.containsAll(DEMOTED), "demoted: " + seen);
        ctx.completeNow();
      })));
    })));
  }

  /**
   * The exceptions of the connection's FINE records, once they include every one of {@link #DEMOTED} (polled, 15 s
   * at most: generous, as a loaded machine may log the last connection's failure late).
   */
  private Future<Set<String>> awaitDemoted(Vertx vertx) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    io.vertx.core.Promise<Set<String>> done = io.vertx.core.Promise.promise();
    vertx.setPeriodic(20, id -> {
      Set<String> seen = new TreeSet<>();
      for (LogRecord r : published) {
        if (QuietVertxLogs.CONNECTION.equals(r.getLoggerName()) && r.getLevel() == Level.FINE
            && r.getThrown() != null) {
          seen.add(r.getThrown().getClass().getSimpleName());
        }
      }
      if (seen.containsAll(DEMOTED) || System.nanoTime() > deadline) {
        vertx.cancelTimer(id);
        done.complete(seen);
      }
    });
    return done.future();
  }

  private static String describe(LogRecord r) {
    return r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()
        + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")");
  }

  /** A raw server on 127.0.0.1 that reads a request head and gives the answer of {@link #EXTRA} for its path. */
  private static Future<NetServer> extraServer(Vertx vertx) {
    return vertx.createNetServer().connectHandler(socket -> {
      socket.exceptionHandler(e -> { });
      StringBuilder head = new StringBuilder();
      socket.handler(bytes -> {
        if (head.indexOf("\r\n\r\n") >= 0) {
          return; // one request per connection
        }
        head.append(bytes.toString());
        int end = head.indexOf("\r\n\r\n");
        if (end >= 0) {
          String path = head.toString().split(" ", 3)[1];
          BiConsumer<Vertx, NetSocket> answer = EXTRA.get(path);
          if (answer == null) {
            socket.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
          } else {
            answer.accept(vertx, socket);
          }
        }
      });
    }).listen(0, "127.0.0.1");
  }
}
