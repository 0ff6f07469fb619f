package dev.scraper.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.record.Record;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A reader that stops reading is disconnected once it is a bounded number of records behind; the run goes on. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RecordStreamTest {
  @Test
  void aStalledReaderIsDisconnectedAfterABoundedBacklog() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Promise<RecordStream> stream = Promise.promise();
      AtomicBoolean cut = new AtomicBoolean();
      JsonObject fields = new JsonObject().put("text", "x".repeat(2000));
      HttpServer server = ApiHarness.await(vertx.createHttpServer().requestHandler(req -> {
        req.connection().closeHandler(v -> cut.set(true));
        RecordStream s = new RecordStream(req.response(), 50);
        stream.complete(s);
        feed(vertx, s, fields);
      }).listen(0, "127.0.0.1"));
      HttpClient http = vertx.createHttpClient();
      ApiHarness.await(http.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/").compose(req -> req.send())
          .onSuccess(resp -> resp.pause())); // never reads a byte
      RecordStream s = ApiHarness.await(stream.future());
      ApiHarness.until("the stalled reader to be dropped", s::closed);
      ApiHarness.until("the server to close the reader's connection", cut::get);
    } finally {
      ApiHarness.await(vertx.close());
    }
  }

  /** Writes records, a batch per event-loop turn, until the stream gives up on its reader. */
  private static void feed(Vertx vertx, RecordStream s, JsonObject fields) {
    if (s.closed()) {
      return;
    }
    for (int i = 0; i < 200; i++) {
      s.write(new Record("j", "r", "http://h/" + i, "http://h/" + i, 200, 1, 1, "text/html", 0, 1, 0, null, true,
          fields, null, null));
    }
    vertx.runOnContext(v -> feed(vertx, s, fields));
  }
}
