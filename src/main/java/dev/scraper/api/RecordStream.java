package dev.scraper.api;

import dev.scraper.config.Defaults;
import dev.scraper.record.Record;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayDeque;

/**
 * One reader of a run's records as JSON lines on a chunked response. Lines go out while the connection takes them;
 * while it does not, they wait here, up to {@link Defaults#HTTP_RECORDS_BEHIND}, and a reader that falls further
 * behind is disconnected (its response ends without a last line break: it can tell, and read the output file
 * instead), so a stalled client never holds the run's memory. Event-loop owned.
 */
final class RecordStream {
  private final HttpServerResponse response;
  private final ArrayDeque<Buffer> behind = new ArrayDeque<>();
  private final int maxBehind;
  private boolean ending;
  private boolean closed;
  private Runnable onClose = () -> {
  };

  RecordStream(HttpServerResponse response) {
    this(response, Defaults.HTTP_RECORDS_BEHIND);
  }

  /** @param maxBehind lines that may wait for the connection before the reader is disconnected */
  RecordStream(HttpServerResponse response, int maxBehind) {
    this.response = response;
    this.maxBehind = maxBehind;
    response.setChunked(true).putHeader("content-type", "application/x-ndjson");
    response.closeHandler(v -> close());
    response.drainHandler(v -> drain());
  }

  /** Whether the response has ended or the reader is gone (or was disconnected). */
  boolean closed() {
    return closed;
  }

  void onClose(Runnable action) {
    this.onClose = action;
  }

  void write(Record r) {
    if (closed) {
      return;
    }
    Buffer line = Buffer.buffer(r.toJson().encode()).appendByte((byte) '\n');
    if (!behind.isEmpty() || response.writeQueueFull()) {
      if (behind.size() >= maxBehind) {
        close();
        response.reset();
        return;
      }
      behind.addLast(line);
      return;
    }
    response.write(line);
  }

  /** The run ended: the response ends once every line waiting is out. */
  void end() {
    ending = true;
    drain();
  }

  private void drain() {
    while (!closed && !behind.isEmpty() && !response.writeQueueFull()) {
      response.write(behind.removeFirst());
    }
    if (!closed && ending && behind.isEmpty()) {
      closed = true;
      response.end();
      onClose.run();
    }
  }

  private void close() {
    if (!closed) {
      closed = true;
      behind.clear();
      onClose.run();
    }
  }
}
