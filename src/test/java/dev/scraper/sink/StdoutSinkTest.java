package dev.scraper.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Records on stdout: in order, at once, in batches while a write is under way; a closed pipe is the sink's failure. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class StdoutSinkTest {

  /** A stream whose first write waits for {@link #release}, and that keeps each write's bytes. */
  private static final class HeldStream extends OutputStream {
    final List<String> writes = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch firstStarted = new CountDownLatch(1);

    @Override
    public void write(int b) {
      throw new UnsupportedOperationException("written in blocks");
    }

    @Override
    public void write(byte[] b, int off, int len) {
      firstStarted.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      writes.add(new String(b, off, len, StandardCharsets.UTF_8));
    }
  }

  private static Buffer line(int i) {
    return Buffer.buffer("{\"n\":" + i + "}\n");
  }

  @Test
  void recordsThatCompleteDuringAWriteGoOutTogetherInOrder(Vertx vertx, VertxTestContext ctx) throws Exception {
    HeldStream out = new HeldStream();
    StdoutSink sink = new StdoutSink(vertx, out, "test");
    vertx.runOnContext(v -> sink.write(null, line(1)));
    assertTrue(out.firstStarted.await(10, TimeUnit.SECONDS), "the first record is written at once");
    vertx.runOnContext(v -> {
      sink.write(null, line(2));
      sink.write(null, line(3));
      sink.write(null, line(4));
      out.release.countDown();
      sink.close().onComplete(ctx.succeeding(x -> ctx.verify(() -> {
        assertEquals(List.of("{\"n\":1}\n", "{\"n\":2}\n{\"n\":3}\n{\"n\":4}\n"), out.writes);
        assertEquals(4, sink.written());
        assertNull(sink.failure());
        ctx.completeNow();
      })));
    });
  }

  @Test
  void aReaderFallingBehindMakesTheSinkBusy(Vertx vertx, VertxTestContext ctx) throws Exception {
    HeldStream out = new HeldStream();
    StdoutSink sink = new StdoutSink(vertx, out, "test");
    Buffer big = Buffer.buffer(new byte[StdoutSink.BUSY_BYTES / 4]).appendByte((byte) '\n');
    vertx.runOnContext(v -> {
      sink.write(null, line(0));
      for (int i = 0; i < 5; i++) {
        sink.write(null, big);
      }
      ctx.verify(() -> assertTrue(sink.busy(), "over " + StdoutSink.BUSY_BYTES + " bytes waiting"));
      out.release.countDown();
      sink.flush().onComplete(ctx.succeeding(x -> ctx.verify(() -> {
        assertFalse(sink.busy());
        assertEquals(6, sink.written());
        ctx.completeNow();
      })));
    });
  }

  @Test
  void aClosedPipeIsTheFailureAndLaterRecordsAreDropped(Vertx vertx, VertxTestContext ctx) {
    OutputStream closed = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("Broken pipe");
      }
    };
    StdoutSink sink = new StdoutSink(vertx, closed, "stdout");
    vertx.runOnContext(v -> {
      sink.write(null, line(1));
      sink.flush().onComplete(ctx.failing(e -> ctx.verify(() -> {
        assertEquals("cannot write output 'stdout': the reader closed the pipe (Broken pipe)", e.getMessage());
        assertEquals(e, sink.failure());
        sink.write(null, line(2));
        assertFalse(sink.busy(), "a failed sink holds nothing back");
        assertEquals(0, sink.written());
        sink.close().onComplete(ctx.failing(again -> ctx.verify(() -> {
          assertEquals(e, again);
          ctx.completeNow();
        })));
      })));
    });
  }
}
