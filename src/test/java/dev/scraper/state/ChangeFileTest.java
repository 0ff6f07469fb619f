package dev.scraper.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's changes.db kept open across its runs: what is written is read back by the next process, once. */
class ChangeFileTest {
  @TempDir
  Path dir;
  private Vertx vertx;
  private final List<String> problems = new ArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    get(vertx.close());
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private ChangeFile open() throws Exception {
    return get(ChangeFile.open(vertx, dir, "watch", problems::add));
  }

  /** Runs {@code action} on an event loop (where a ChangeFile lives) and waits for the future it gives. */
  private <T> T onLoop(java.util.function.Supplier<Future<T>> action) throws Exception {
    io.vertx.core.Promise<T> p = io.vertx.core.Promise.promise();
    vertx.runOnContext(v -> action.get().onComplete(p));
    return get(p.future());
  }

  @Test
  void answersWrittenInBatchesAreReadBackOnceByTheNextOpenAndAnErrorForgetsAUrl() throws Exception {
    ChangeFile first = open();
    assertEquals(List.of(), first.known());
    onLoop(() -> {
      for (int i = 0; i < 100; i++) {
        first.change(new KnownUrl("http://a.test/" + i, "\"e" + i + "\"", null, "{\"title\":\"" + i + "\"}"));
      }
      first.change(new KnownUrl("http://a.test/1", "\"new\"", "Wed, 21 Oct 2026 07:28:00 GMT", "{\"title\":\"x\"}"));
      first.change(new KnownUrl("http://a.test/2", null, null, null)); // an error: forgotten
      return first.flush();
    });
    onLoop(first::close);
    ChangeFile second = open();
    List<KnownUrl> known = new ArrayList<>(second.known());
    known.sort(Comparator.comparing(KnownUrl::url));
    assertEquals(99, known.size());
    assertEquals(new KnownUrl("http://a.test/1", "\"new\"", "Wed, 21 Oct 2026 07:28:00 GMT", "{\"title\":\"x\"}"),
        known.stream().filter(k -> k.url().equals("http://a.test/1")).findFirst().orElseThrow());
    assertEquals(List.of(), second.known(), "once: the engine has them in memory from then on");
    onLoop(second::close);
    assertEquals(List.of(), problems);
    assertEquals(true, Files.exists(dir.resolve("watch").resolve("changes.db")));
  }
}
