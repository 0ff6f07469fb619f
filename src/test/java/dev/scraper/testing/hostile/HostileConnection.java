package dev.scraper.testing.hostile;

import io.netty.channel.ChannelOption;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * One accepted socket: reads request heads, dispatches them, and keeps the {@link ConnectionRecord} data. Everything
 * but the volatile fields and {@link #record()} runs on the connection's event loop.
 */
final class HostileConnection {
  /** Largest request head accepted; longer heads get 400. */
  static final int MAX_HEAD_BYTES = 64 * 1024;
  /** How long the server waits for a (next) request head before it closes the connection. */
  static final long HEAD_WAIT_MS = 10_000;

  private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

  final HostileServer server;
  final NetSocket socket;
  final Context context;
  private final long openedNanos = epochNanos();
  private final AtomicLong bytesWritten = new AtomicLong();
  private volatile String path = "";
  private volatile boolean closedByClient;
  private volatile long closedNanos = -1;

  private final Set<Long> timers = new HashSet<>();
  private final List<Runnable> closeActions = new ArrayList<>();
  private Buffer pending = Buffer.buffer();
  private int scanFrom;
  private boolean routeActive;
  private boolean answeredOnce;
  private boolean endedByServer;
  private long headTimer = -1;

  HostileConnection(HostileServer server, NetSocket socket, Context context) {
    this.server = server;
    this.socket = socket;
    this.context = context;
  }

  void start() {
    socket.handler(this::onData);
    socket.exceptionHandler(e -> { }); // resets and broken pipes are the point here; the close follows
    socket.closeHandler(v -> onClose());
    after(HostileServer.MAX_CONNECTION_MS, () -> endByServer(false));
    waitForHead();
  }

  ConnectionRecord record() {
    long closed = closedNanos; // read first: closedByClient is written before it
    return new ConnectionRecord(path, openedNanos, closed, bytesWritten.get(), closed >= 0 && closedByClient);
  }

  boolean isClosed() {
    return closedNanos >= 0;
  }

  Future<Void> write(Buffer bytes) {
    if (isClosed()) {
      return Future.failedFuture("connection closed");
    }
    bytesWritten.addAndGet(bytes.length());
    return socket.write(bytes);
  }

  void endByServer(boolean reset) {
    if (isClosed()) {
      return;
    }
    endedByServer = true;
    if (reset && socket instanceof NetSocketInternal internal) {
      // SO_LINGER 0 turns the close into a RST; Netty's NIO channel then closes on the event loop at once.
      internal.channelHandlerContext().channel().config().setOption(ChannelOption.SO_LINGER, 0);
    }
    socket.close();
  }

  /** The route finished a complete answer and leaves the connection open for the next request. */
  void answered() {
    routeActive = false;
    answeredOnce = true;
    if (!isClosed()) {
      waitForHead();
      if (pending.length() > 0) {
        context.runOnContext(v -> parse());
      }
    }
  }

  Future<Void> every(long ms, long n, LongConsumer tick) {
    Promise<Void> done = Promise.promise();
    if (n <= 0) {
      done.complete();
      return done.future();
    }
    long[] count = {0};
    long id = server.vertx().setPeriodic(ms, timer -> {
      if (isClosed()) {
        return;
      }
      tick.accept(count[0]++);
      if (count[0] >= n) {
        cancel(timer);
        done.tryComplete();
      }
    });
    timers.add(id);
    onClose(() -> done.tryFail("connection closed"));
    return done.future();
  }

  long after(long ms, Runnable action) {
    long[] self = {0};
    self[0] = server.vertx().setTimer(ms, timer -> {
      timers.remove(timer);
      if (!isClosed()) {
        action.run();
      }
    });
    timers.add(self[0]);
    return self[0];
  }

  void onClose(Runnable action) {
    if (isClosed()) {
      action.run();
    } else {
      closeActions.add(action);
    }
  }

  private void cancel(long timer) {
    timers.remove(timer);
    server.vertx().cancelTimer(timer);
  }

  private void waitForHead() {
    headTimer = after(HEAD_WAIT_MS, () -> endByServer(false));
  }

  private void onData(Buffer data) {
    if (routeActive || isClosed()) {
      return; // a request body or junk while a route answers: read and dropped, so that a peer close is seen
    }
    pending.appendBuffer(data);
    parse();
  }

  private void parse() {
    if (routeActive || isClosed()) {
      return;
    }
    int end = indexOf(pending, END_OF_HEAD, scanFrom);
    scanFrom = Math.max(0, pending.length() - END_OF_HEAD.length + 1);
    if (end < 0 || end > MAX_HEAD_BYTES) {
      if (pending.length() > MAX_HEAD_BYTES) {
        pending = Buffer.buffer();
        scanFrom = 0;
        answerBadRequest("request head larger than " + MAX_HEAD_BYTES + " bytes");
      }
      return;
    }
    String head = pending.getString(0, end, StandardCharsets.ISO_8859_1.name());
    pending = pending.getBuffer(end + END_OF_HEAD.length, pending.length());
    scanFrom = 0;
    cancel(headTimer);
    Request request = Request.parse(head);
    if (request == null) {
      answerBadRequest("malformed request head");
      return;
    }
    routeActive = true;
    if (!answeredOnce && path.isEmpty()) {
      path = request.path();
    }
    server.counted(request.path());
    Exchange ex = new Exchange(this, request);
    try {
      server.routes().find(request.path()).handle(ex);
    } catch (RuntimeException e) {
      // a broken route must not leave the connection hanging: answer 500 if nothing was written yet
      if (bytesWritten.get() == 0) {
        ex.respondHtml(500, "Internal Server Error", Http.page("Route failed", "<h1>500</h1><p>" + e));
      } else {
        ex.end();
      }
    }
  }

  private void answerBadRequest(String why) {
    routeActive = true;
    new Exchange(this, null).respondHtml(400, "Bad Request", Http.page("Bad request", "<h1>400</h1><p>" + why));
  }

  private void onClose() {
    closedByClient = !endedByServer && (routeActive || !answeredOnce);
    closedNanos = epochNanos();
    for (Long timer : List.copyOf(timers)) {
      server.vertx().cancelTimer(timer);
    }
    timers.clear();
    List<Runnable> actions = List.copyOf(closeActions);
    closeActions.clear();
    actions.forEach(Runnable::run);
    pending = Buffer.buffer();
  }

  private static int indexOf(Buffer haystack, byte[] needle, int from) {
    int limit = Math.min(haystack.length(), MAX_HEAD_BYTES + needle.length) - needle.length;
    outer:
    for (int i = from; i <= limit; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack.getByte(i + j) != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static long epochNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
