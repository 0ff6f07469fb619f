package dev.scraper.testing.hostile;

import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.util.function.Supplier;

/** Writes buffers while the socket accepts them, waiting for drain when it does not; bounded in bytes and time. */
final class Pump {
  /** Writes per event-loop turn, so that a fast reader cannot monopolise the loop. */
  private static final int WRITES_PER_TURN = 16;

  private final HostileConnection conn;
  private final long maxBytes;
  private final long deadlineNanos;
  private final Supplier<Buffer> next;
  private final Promise<Void> done;
  private long sent;

  Pump(HostileConnection conn, long maxBytes, long maxMillis, Supplier<Buffer> next, Promise<Void> done) {
    this.conn = conn;
    this.maxBytes = maxBytes;
    this.deadlineNanos = System.nanoTime() + maxMillis * 1_000_000L;
    this.next = next;
    this.done = done;
    conn.onClose(() -> done.tryFail("connection closed after " + sent + " bytes"));
  }

  void step() {
    for (int i = 0; i < WRITES_PER_TURN; i++) {
      if (conn.isClosed()) {
        done.tryFail("connection closed after " + sent + " bytes");
        return;
      }
      if (sent >= maxBytes || System.nanoTime() - deadlineNanos > 0) {
        done.tryComplete();
        return;
      }
      if (conn.socket.writeQueueFull()) {
        conn.socket.drainHandler(v -> {
          conn.socket.drainHandler(null);
          step();
        });
        return;
      }
      Buffer chunk = next.get();
      if (chunk.length() > maxBytes - sent) {
        chunk = chunk.slice(0, (int) (maxBytes - sent));
      }
      sent += chunk.length();
      conn.write(chunk);
    }
    conn.context.runOnContext(v -> step());
  }
}
