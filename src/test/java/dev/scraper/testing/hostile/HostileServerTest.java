package dev.scraper.testing.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Checks the bytes the {@link HostileServer} sends with a raw {@link Socket} client, the {@link ConnectionRecord}
 * bookkeeping, and what a default Vert.x {@link HttpClient} reports for the broken-HTTP routes. Blocking socket
 * I/O runs on the JUnit thread, never on an event loop; waits are bounded by SO_TIMEOUT or deadlines, all generous
 * ({@link #WAIT_MS}): they only end a test whose answer never comes, and must not end one on a loaded machine.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileServerTest {
  /** Longest wait for something that should come at once (a read, a close): the routes' own bound is 60 s. */
  private static final int WAIT_MS = 10_000;

  private Vertx vertx;
  private HostileServer server;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    server = await(HostileServer.start(vertx));
  }

  @AfterEach
  void stop() throws Exception {
    await(server.close());
  }

  @Test
  void urlAndUnknownPath() throws Exception {
    assertEquals("http://127.0.0.1:" + server.port() + "/x?y=1", server.url("/x?y=1"));
    try (Raw raw = new Raw("/nope?q=1")) {
      Response resp = raw.readResponse();
      assertEquals("HTTP/1.1 404 Not Found", resp.statusLine());
      assertTrue(resp.bodyText().contains("/nope"), resp.bodyText());
    }
    assertEquals(1, server.requests("/nope"));
  }

  @Test
  void oversizedOrMalformedHeadGets400() throws Exception {
    try (Raw raw = new Raw()) {
      raw.send("GET /ok HTTP/1.1\r\nX-Big: " + "b".repeat(70 * 1024) + "\r\n\r\n");
      assertEquals("HTTP/1.1 400 Bad Request", raw.readResponse().statusLine());
    }
    try (Raw raw = new Raw()) {
      raw.send("HELLO\r\n\r\n");
      assertEquals("HTTP/1.1 400 Bad Request", raw.readResponse().statusLine());
    }
  }

  @Test
  void badStatusLine() throws Exception {
    try (Raw raw = new Raw("/bad-status")) {
      assertTrue(raw.readHead().startsWith(BadStatusRoute.STATUS_LINE + "\r\nContent-Type: "));
    }
  }

  @Test
  void sshBannerThenSilence() throws Exception {
    try (Raw raw = new Raw("/ssh-banner")) {
      assertArrayEquals(SshBannerRoute.BANNER.getBytes(StandardCharsets.US_ASCII),
          raw.readN(SshBannerRoute.BANNER.length()));
      raw.socket.setSoTimeout(300);
      assertThrows(SocketTimeoutException.class, () -> raw.in.read());
    }
  }

  @Test
  void headerFloods() throws Exception {
    try (Raw raw = new Raw("/huge-header")) {
      Response resp = raw.readResponse();
      assertEquals(HeaderFloodRoute.HUGE_VALUE_BYTES, resp.header("X-Huge").length());
      assertTrue(resp.head().length() > 100 * 1024);
    }
    try (Raw raw = new Raw("/many-headers")) {
      Response resp = raw.readResponse();
      assertEquals(HeaderFloodRoute.MANY, resp.head().split("\r\nX-Header-", -1).length - 1);
      assertEquals("value-0999", resp.header("X-Header-0999"));
      assertTrue(resp.bodyText().contains("<h1>headers</h1>"));
    }
  }

  @Test
  void retryAfterSecondsAndDate() throws Exception {
    try (Raw raw = new Raw("/status429?after=7")) {
      Response resp = raw.readResponse();
      assertEquals("HTTP/1.1 429 Too Many Requests", resp.statusLine());
      assertEquals("7", resp.header("Retry-After"));
    }
    try (Raw raw = new Raw("/status429-date?after=30")) {
      Response resp = raw.readResponse();
      assertEquals(429, resp.status());
      ZonedDateTime when = ZonedDateTime.parse(resp.header("Retry-After"), DateTimeFormatter.RFC_1123_DATE_TIME);
      long ahead = when.toEpochSecond() - System.currentTimeMillis() / 1000;
      // 30 s ahead when sent, less the whole second cut off and however long the answer took to be read here (a
      // few seconds on a loaded machine); the default (after=1) would be about 1 s ahead
      assertTrue(ahead >= 15 && ahead <= 31, "Retry-After " + ahead + " s ahead");
    }
  }

  @Test
  void flaky503ThenRecovers() throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      try (Raw raw = new Raw("/flaky503?key=a&fails=2")) {
        Response resp = raw.readResponse();
        statuses.add(resp.status());
        if (resp.status() == 503) {
          assertEquals("1", resp.header("Retry-After"));
        } else {
          assertTrue(resp.bodyText().contains("<h1>" + FlakyRoute.RECOVERED + "</h1>"));
        }
      }
    }
    assertEquals(List.of(503, 503, 200), statuses);
    try (Raw raw = new Raw("/flaky503?key=b&fails=1")) {
      assertEquals(503, raw.readResponse().status());
    }
    assertEquals(4, server.requests("/flaky503"));
  }

  @Test
  void flakyCloseThenRecovers() throws Exception {
    try (Raw raw = new Raw("/flaky-close?key=c&fails=1")) {
      assertEquals(-1, raw.in.read());
    }
    try (Raw raw = new Raw("/flaky-close?key=c&fails=1")) {
      assertEquals(200, raw.readResponse().status());
    }
  }

  @Test
  void slowBodyClosedByClientIsRecorded() throws Exception {
    long clientClosed;
    try (Raw raw = new Raw("/slow-body")) {
      Response resp = raw.readResponseHeadOnly();
      assertEquals("100000", resp.header("Content-Length"));
      assertEquals('<', raw.in.read()); // the first body byte, 500 ms later
      clientClosed = HostileConnection.epochNanos();
    }
    ConnectionRecord record = awaitClosed("/slow-body", WAIT_MS);
    assertTrue(record.closedByClient(), record.toString());
    // the server saw the close soon (the route would have gone on writing for 60 s)
    assertTrue(record.closedNanos() - clientClosed < WAIT_MS * 1_000_000L, record.toString());
    assertTrue(record.closedByClientWithin(WAIT_MS), record.toString());
    assertTrue(record.bytesWritten() > 60, record.toString());
    assertEquals(1, server.connections("/slow-body").size());
  }

  @Test
  void routeEndedConnectionIsNotClosedByClient() throws Exception {
    try (Raw raw = new Raw("/close-no-answer")) {
      assertEquals(-1, raw.in.read());
    }
    ConnectionRecord record = awaitClosed("/close-no-answer", WAIT_MS);
    assertFalse(record.closedByClient(), record.toString());
    assertEquals(0, record.bytesWritten());
  }

  @Test
  void closeEndsOpenConnectionsAsTheServer() throws Exception {
    HostileServer other = await(HostileServer.start(vertx));
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", other.port()), WAIT_MS);
      socket.setSoTimeout(WAIT_MS);
      socket.getOutputStream().write("GET /stall HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] head = socket.getInputStream().readNBytes(17);
      assertEquals("HTTP/1.1 200 OK\r\n", new String(head, StandardCharsets.US_ASCII));
      assertTrue(other.connections("/stall").get(0).open());
      await(other.close());
      socket.getInputStream().skip(1 << 16);
      assertEquals(-1, socket.getInputStream().read());
    }
    ConnectionRecord record = other.allConnections().get(0);
    assertFalse(record.open());
    assertFalse(record.closedByClient(), record.toString());
  }

  @Test
  void shortBodyAndBadChunkingBytes() throws Exception {
    try (Raw raw = new Raw("/short-body")) {
      Response resp = raw.readResponse();
      assertEquals("5000", resp.header("Content-Length"));
      assertEquals(ShortBodyRoute.SENT, resp.body().length);
    }
    try (Raw raw = new Raw("/bad-chunking")) {
      Response resp = raw.readResponse();
      assertEquals("chunked", resp.header("Transfer-Encoding"));
      assertTrue(resp.bodyText().contains("\r\nzz\r\n"), resp.bodyText());
    }
  }

  @Test
  void resetMidBodyDeliversThenResets() throws Exception {
    try (Raw raw = new Raw("/reset-mid-body")) {
      Response resp = raw.readResponseHeadOnly();
      assertEquals("100000", resp.header("Content-Length"));
      assertEquals(ResetMidBodyRoute.SENT, raw.readN(ResetMidBodyRoute.SENT).length);
      SocketException reset = assertThrows(SocketException.class, () -> raw.in.read());
      assertEquals("Connection reset", reset.getMessage());
    }
    assertFalse(awaitClosed("/reset-mid-body", WAIT_MS).closedByClient());
  }

  @Test
  void redirectLocations() throws Exception {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("/redirect-loop", "/redirect-loop");
    expected.put("/chain/30", "/chain/29");
    expected.put("/redirect-file", "file:///etc/passwd");
    expected.put("/redirect-ftp", "ftp://127.0.0.1/x");
    expected.put("/redirect-FTP", "FTP://127.0.0.1/x");
    expected.put("/redirect-data", "data:text/html,<h1>x</h1>");
    expected.put("/redirect-HTTP", "HTTP://127.0.0.1:" + server.port() + "/chain/0");
    expected.put("/redirect-other-port?port=8123", "http://127.0.0.1:8123/page");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      try (Raw raw = new Raw(e.getKey())) {
        Response resp = raw.readResponse();
        assertEquals(302, resp.status(), e.getKey());
        assertEquals(e.getValue(), resp.header("Location"), e.getKey());
      }
    }
    try (Raw raw = new Raw("/chain/0")) {
      assertEquals("end of chain", Jsoup.parse(raw.readResponse().bodyText()).selectFirst("h1").text());
    }
  }

  @Test
  void charsetPagesDecodeAsExpected() throws Exception {
    for (Map.Entry<String, String> e : CharsetRoute.EXPECTED.entrySet()) {
      try (Raw raw = new Raw(CharsetRoute.PREFIX + e.getKey())) {
        Response resp = raw.readResponse();
        Matcher m = Pattern.compile("charset=([^;\\s]+)").matcher(resp.header("Content-Type"));
        String headerCharset = m.find() ? m.group(1) : null;
        Document doc = Jsoup.parse(new ByteArrayInputStream(resp.body()), headerCharset, server.url("/"));
        assertEquals(e.getValue(), doc.title(), e.getKey());
        assertEquals(e.getValue(), doc.selectFirst("h1").text(), e.getKey());
      }
    }
    byte[] cp1252 = CharsetRoute.WRONG_HEADER_WRITTEN.getBytes("windows-1252");
    assertEquals(CharsetRoute.EXPECTED_WRONG_HEADER, new String(cp1252, StandardCharsets.UTF_8));
  }

  @Test
  void pngAsHtmlAndRobots() throws Exception {
    try (Raw raw = new Raw("/png-as-html")) {
      Response resp = raw.readResponse();
      assertEquals("text/html", resp.header("Content-Type"));
      assertArrayEquals(PngAsHtmlRoute.PNG, resp.body());
    }
    try (Raw raw = new Raw("/robots.txt")) {
      assertEquals(404, raw.readResponse().status());
    }
    server.robots("User-agent: *\nDisallow: /private\n", 200);
    try (Raw raw = new Raw("/robots.txt")) {
      Response resp = raw.readResponse();
      assertEquals(200, resp.status());
      assertEquals("User-agent: *\nDisallow: /private\n", resp.bodyText());
    }
    assertEquals(2, server.requests("/robots.txt"));
  }

  @Test
  void okKeepsTheConnectionAlive() throws Exception {
    try (Raw raw = new Raw()) {
      for (int i = 0; i < 2; i++) {
        raw.send("GET /ok HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        Response resp = raw.readResponseHeadOnly();
        assertEquals(200, resp.status());
        byte[] body = raw.readN(Integer.parseInt(resp.header("Content-Length")));
        assertTrue(new String(body, StandardCharsets.UTF_8).contains("<h1>ok</h1>"));
      }
    }
    assertEquals(2, server.requests("/ok"));
    ConnectionRecord record = awaitClosed("/ok", WAIT_MS);
    assertFalse(record.closedByClient(), "idle keep-alive close is not a cut: " + record);
    assertEquals(1, server.connections("/ok").size());
  }

  @Test
  void bigBodiesStopWhenTheClientCloses() throws Exception {
    try (Raw raw = new Raw("/huge-declared")) {
      assertEquals("2147483648", raw.readResponseHeadOnly().header("Content-Length"));
      raw.readN(4 << 20);
    }
    try (Raw raw = new Raw("/endless-chunked")) {
      assertEquals("chunked", raw.readResponseHeadOnly().header("Transfer-Encoding"));
      raw.readN(4 << 20);
    }
    for (String path : List.of("/huge-declared", "/endless-chunked")) {
      ConnectionRecord record = awaitClosed(path, WAIT_MS);
      assertTrue(record.closedByClient(), record.toString());
      assertTrue(record.bytesWritten() >= 4 << 20 && record.bytesWritten() < 1L << 30, record.toString());
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void gzipBombIsSmallOnTheWireAndZerosInside() throws Exception {
    // made before the request (about 2.5 s of CPU, many times that on a loaded machine), so that the read below
    // waits for the answer, not for the bomb
    GzipBombRoute.bomb(vertx).toCompletionStage().toCompletableFuture().get(150, TimeUnit.SECONDS);
    try (Raw raw = new Raw("/gzip-bomb")) {
      Response resp = raw.readResponse();
      assertEquals("gzip", resp.header("Content-Encoding"));
      assertEquals(resp.body().length, Integer.parseInt(resp.header("Content-Length")));
      assertTrue(resp.body().length < 2 << 20, "compressed " + resp.body().length);
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(resp.body()))) {
        byte[] first = in.readNBytes(8 << 20);
        assertEquals(8 << 20, first.length);
        assertArrayEquals(new byte[8 << 20], first);
      }
    }
  }

  // ---- what a default Vert.x HttpClient reports ----------------------------------------------------------------

  /**
   * What a default Vert.x 5 {@link HttpClient} (request idle timeout {@value #IDLE_MS} ms) reports, as
   * {@code stage: class: message} (the expected strings are prefixes), where stage is {@code head} when the response
   * future fails and {@code body} when the body future does; outcomes still open after {@link #OBSERVE_MS} ms read
   * {@code pending}. The observations are copied into the javadoc of {@link HostileRoutes}. {@code /stall} shows
   * that the request idle timeout stops counting once the response head has arrived; {@code /stall} again with a
   * client whose connection idle timeout is {@value #IDLE_MS} ms ({@code HttpClientOptions.setIdleTimeout}) shows
   * what that reports instead. The idle timeout is long enough for the routes that fail at once to fail first on a
   * loaded machine, and {@link #OBSERVE_MS} is far above it, so that what times out has done so when the outcomes
   * are read.
   */
  @Test
  void vertxClientFailures() throws Exception {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("/bad-status", "head: java.lang.NumberFormatException: For input string: \"OK-ISH\"");
    expected.put("/ssh-banner",
        "head: java.lang.IllegalArgumentException: invalid version format: SSH-2.0-OPENSSH_9.6");
    expected.put("/huge-header",
        "head: io.netty.handler.codec.http.TooLongHttpHeaderException: HTTP header is larger than 8192 bytes.");
    expected.put("/many-headers",
        "head: io.netty.handler.codec.http.TooLongHttpHeaderException: HTTP header is larger than 8192 bytes.");
    expected.put("/bad-chunking", "body: java.lang.NumberFormatException: Invalid character in chunk size");
    expected.put("/short-body", "body: io.vertx.core.http.HttpClosedException: Connection was closed");
    expected.put("/close-no-answer", "head: io.vertx.core.http.HttpClosedException: Connection was closed");
    expected.put("/reset-mid-body", "body: java.net.SocketException: Connection reset");
    expected.put("/stall", "body: pending");
    expected.put("/stall?client=connection-idle",
        "body: io.vertx.core.http.HttpClosedException: Connection was closed");
    expected.put("/slow-headers", "head: io.vertx.core.impl.NoStackTraceTimeoutException: The timeout period of "
        + IDLE_MS + "ms has been exceeded while executing GET /slow-headers for server 127.0.0.1:");
    HttpClient client = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(16));
    HttpClient idleClient = vertx.createHttpClient(new HttpClientOptions().setIdleTimeout((int) IDLE_MS)
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS), new PoolOptions().setHttp1MaxSize(16));
    Map<String, Future<String>> outcomes = new LinkedHashMap<>();
    for (String path : expected.keySet()) {
      outcomes.put(path, observe(path.contains("connection-idle") ? idleClient : client, server.url(path)));
    }
    await(Future.join(new ArrayList<>(outcomes.values())));
    StringBuilder report = new StringBuilder();
    outcomes.forEach((path, outcome) -> report.append(path).append(" -> ").append(outcome.result()).append('\n'));
    System.out.println("OBSERVED\n" + report);
    await(client.close());
    await(idleClient.close());
    outcomes.forEach((path, outcome) -> assertTrue(outcome.result().startsWith(expected.get(path)),
        path + ": expected " + expected.get(path) + "..., got " + outcome.result()));
  }

  private static final long IDLE_MS = 3000;
  private static final long OBSERVE_MS = 8000;

  private Future<String> observe(HttpClient client, String url) {
    Promise<String> outcome = Promise.promise();
    String[] stage = {"head"};
    client.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url).setIdleTimeout(IDLE_MS))
        .compose(req -> req.send())
        .compose(resp -> {
          stage[0] = "body";
          return resp.body().map(b -> "OK " + resp.statusCode() + " " + b.length());
        })
        .onComplete(ar -> outcome.tryComplete(ar.succeeded() ? ar.result() : stage[0] + ": " + describe(ar.cause())));
    vertx.setTimer(OBSERVE_MS, id -> outcome.tryComplete(stage[0] + ": pending"));
    return outcome.future();
  }

  private static String describe(Throwable e) {
    return e.getClass().getName() + ": " + e.getMessage();
  }

  // ---- helpers ---------------------------------------------------------------------------------------------------

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }

  /** The first connection with {@code path} once closed, polled on a Vert.x timer; fails after the deadline. */
  private ConnectionRecord awaitClosed(String path, long deadlineMs) throws Exception {
    Promise<ConnectionRecord> closed = Promise.promise();
    long deadline = System.nanoTime() + deadlineMs * 1_000_000L;
    vertx.setPeriodic(5, timer -> {
      List<ConnectionRecord> records = server.connections(path);
      if (!records.isEmpty() && !records.get(0).open()) {
        vertx.cancelTimer(timer);
        closed.tryComplete(records.get(0));
      } else if (System.nanoTime() - deadline > 0) {
        vertx.cancelTimer(timer);
        closed.tryFail("no closed connection for " + path + " within " + deadlineMs + " ms: " + records);
      }
    });
    return await(closed.future());
  }

  private record Response(String head, byte[] body) {
    String statusLine() {
      return head.substring(0, head.indexOf("\r\n"));
    }

    int status() {
      return Integer.parseInt(statusLine().split(" ")[1]);
    }

    String header(String name) {
      for (String line : head.split("\r\n")) {
        if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
          return line.substring(name.length() + 1).trim();
        }
      }
      return null;
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** A blocking client socket with a read timeout, closed by try-with-resources. */
  private final class Raw implements AutoCloseable {
    final Socket socket = new Socket();
    final InputStream in;
    final OutputStream out;

    Raw() throws IOException {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), WAIT_MS);
      socket.setSoTimeout(WAIT_MS);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    }

    Raw(String target) throws IOException {
      this();
      send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nConnection: close\r\n\r\n");
    }

    void send(String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }

    /** The response head, CRLFs included, up to and without the empty line. */
    String readHead() throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0 || head.size() > 1 << 20) {
          throw new IOException("no end of head in " + head.size() + " bytes");
        }
        head.write(b);
        matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
      }
      String text = head.toString(StandardCharsets.ISO_8859_1);
      return text.substring(0, text.length() - 2);
    }

    Response readResponseHeadOnly() throws IOException {
      return new Response(readHead(), new byte[0]);
    }

    /** Head, then the body up to end of stream (at most 16 MB). */
    Response readResponse() throws IOException {
      String head = readHead();
      return new Response(head, in.readNBytes(16 << 20));
    }

    byte[] readN(int n) throws IOException {
      byte[] data = in.readNBytes(n);
      if (data.length != n) {
        throw new IOException("stream ended after " + data.length + " of " + n + " bytes");
      }
      return data;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
