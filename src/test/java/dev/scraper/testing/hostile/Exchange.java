package dev.scraper.testing.hostile;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * One request being answered by a {@link HostileRoute}: the socket, the parsed request and bounded helpers. Every
 * timer started here is cancelled when the connection closes, whoever closes it.
 */
public final class Exchange {
  private final HostileConnection conn;
  private final Request request;

  Exchange(HostileConnection conn, Request request) {
    this.conn = conn;
    this.request = request;
  }

  /** The raw socket (prefer {@link #write(Buffer)} so that bytes are counted). */
  public NetSocket socket() {
    return conn.socket;
  }

  /** The parsed request head. */
  public Request request() {
    return request;
  }

  /** The Vert.x instance the server runs on. */
  public Vertx vertx() {
    return conn.server.vertx();
  }

  /** The server that accepted the connection. */
  public HostileServer server() {
    return conn.server;
  }

  /** Writes {@code text} as UTF-8 (headers are ASCII, so this serves for heads too). */
  public Future<Void> write(String text) {
    return write(Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Writes {@code bytes}; a write after close fails quietly. */
  public Future<Void> write(Buffer bytes) {
    return conn.write(bytes);
  }

  /** The route is done: flushes what was written and closes the connection. */
  public void end() {
    conn.endByServer(false);
  }

  /** The route is done: aborts the connection with a TCP RST (SO_LINGER 0, then close). */
  public void reset() {
    conn.endByServer(true);
  }

  /** The route answered completely and the connection may serve another request (keep-alive). */
  public void keepAlive() {
    conn.answered();
  }

  /** Whether the connection is closed, by either side. */
  public boolean closed() {
    return conn.isClosed();
  }

  /**
   * Runs {@code tick} every {@code ms} milliseconds, at most {@code n} times (ticks numbered from 0). The future
   * succeeds after the last tick and fails if the connection closes first (the timer is then cancelled).
   */
  public Future<Void> every(long ms, long n, LongConsumer tick) {
    return conn.every(ms, n, tick);
  }

  /**
   * Runs {@code action} on the connection's event loop; use it to come back from futures completed elsewhere
   * (a worker, another connection).
   */
  public void onLoop(Runnable action) {
    conn.context.runOnContext(v -> action.run());
  }

  /** Runs {@code action} once after {@code ms} milliseconds unless the connection closes first. */
  public void after(long ms, Runnable action) {
    conn.after(ms, action);
  }

  /**
   * Writes the buffers of {@code next} as fast as the client reads them (waits on {@code drainHandler} whenever the
   * write queue is full), until {@code maxBytes} were written (the last buffer is cut to fit) or {@code maxMillis}
   * passed. The future succeeds when a bound is reached and fails when the connection closes first.
   */
  public Future<Void> stream(long maxBytes, long maxMillis, Supplier<Buffer> next) {
    Promise<Void> done = Promise.promise();
    new Pump(conn, maxBytes, maxMillis, next, done).step();
    return done.future();
  }

  /**
   * Writes a complete answer with {@code Content-Length} and {@code Connection: close}, then ends the connection.
   */
  public void respond(int status, String reason, String contentType, Buffer body, String... extraHeaders) {
    String[] headers = new String[extraHeaders.length + 3];
    headers[0] = "Content-Type: " + contentType;
    headers[1] = "Content-Length: " + body.length();
    headers[2] = "Connection: close";
    System.arraycopy(extraHeaders, 0, headers, 3, extraHeaders.length);
    write(Http.head(status, reason, headers));
    write(body);
    end();
  }

  /** {@link #respond} with a UTF-8 HTML body. */
  public void respondHtml(int status, String reason, String html, String... extraHeaders) {
    respond(status, reason, Http.HTML_UTF8, Buffer.buffer(html.getBytes(StandardCharsets.UTF_8)), extraHeaders);
  }
}
