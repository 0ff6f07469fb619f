package dev.scraper.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scraper.cluster.ClusterNode;
import dev.scraper.frontier.CrawlUrl;
import dev.scraper.record.Record;
import dev.scraper.sink.Sink;
import dev.scraper.url.WebUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A run's checkpoint marks a URL done only once the sink has written its record, even when another URL is done
 * while the first one's record is on its way (a robots.txt refusal that makes the run read its next batch, which
 * holds an invalid line), and at once when its record is not for the output (onlyChanged).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class CheckpointTest {
  /** A sink that says it wrote only what the test lets it. */
  private static final class SlowSink implements Sink {
    long written;

    @Override
    public void write(Record record, Buffer line) {
    }

    @Override
    public boolean busy() {
      return false;
    }

    @Override
    public Throwable failure() {
      return null;
    }

    @Override
    public long written() {
      return written;
    }

    @Override
    public Future<Void> flush() {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }

  private static CrawlUrl url(String path) {
    String u = "http://127.0.0.1:8080" + path;
    return new CrawlUrl(u, WebUrl.parse(u), 0, null);
  }

  private static Record record(String url) {
    return new Record("j", "run-1", url, url, 200, 1, 10, "text/html", 1_700_000_000_000L, 1, 0, null, true,
        new JsonObject(), null, null);
  }

  /** Each key of the run's frontier to whether it is done. */
  private static Future<Map<String, Boolean>> doneMarks(ClusterNode node) {
    return node.<String, JsonArray>map(Checkpoint.urlsOf("run-1")).compose(AsyncMap::entries).map(entries -> {
      Map<String, Boolean> out = new java.util.TreeMap<>();
      entries.forEach((k, v) -> out.put(k, v.getBoolean(3)));
      return out;
    });
  }

  /** The marks once {@code until} holds for them, polled every 20 ms for 10 s at most (then as they are). */
  private static Future<Map<String, Boolean>> marksOnce(Vertx vertx, ClusterNode node,
                                                        java.util.function.Predicate<Map<String, Boolean>> until,
                                                        long deadline) {
    return doneMarks(node).compose(m -> until.test(m) || System.nanoTime() > deadline ? Future.succeededFuture(m)
        : Future.<Void>future(p -> vertx.setTimer(20, t -> p.complete()))
            .compose(x -> marksOnce(vertx, node, until, deadline)));
  }

  @Test
  void aUrlIsDoneOnlyWhenItsOwnRecordIsWrittenWhateverSettlesMeanwhile(Vertx vertx, VertxTestContext ctx) {
    ClusterNode node = ClusterNode.of(vertx, "owner");
    vertx.getOrCreateContext().runOnContext(v -> {
      Checkpoint cp = new Checkpoint(vertx, node, "run-1", new JsonObject(), null, 100, false);
      SlowSink slow = new SlowSink();
      Sink sink = cp.around(slow);
      CrawlUrl a = url("/a");
      CrawlUrl c = url("/c");
      cp.admitted(a);
      cp.admitted(c);
      cp.done(a); // /a is refused by robots.txt: done, its record next ...
      cp.invalid("not a url"); // ... but the run reads on first, and an invalid line gets its record at once
      sink.write(record("not a url"), null);
      sink.write(record(a.given()), null); // now /a's record
      cp.done(c); // /c is unchanged and onlyChanged: no record for the output
      cp.unwritten();
      slow.written = 1; // only the invalid line's record is out
      String invalid = Checkpoint.invalidKey("not a url");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      String keyA = a.url().toString();
      String keyC = c.url().toString();
      marksOnce(vertx, node, m -> Boolean.TRUE.equals(m.get(invalid)) && Boolean.TRUE.equals(m.get(keyC)), deadline)
          .compose(first -> {
            ctx.verify(() -> assertEquals(Map.of(keyA, false, keyC, true, invalid, true), first,
                "/a's record is not written yet"));
            slow.written = 2; // the checkpoint looks again every 200 ms
            return marksOnce(vertx, node, m -> Boolean.TRUE.equals(m.get(keyA)), deadline);
          }).onComplete(ctx.succeeding(after -> ctx.verify(() -> {
        assertEquals(true, after.get(a.url().toString()), "/a is done once its record is written: " + after);
        ctx.completeNow();
      })));
    });
  }
}
