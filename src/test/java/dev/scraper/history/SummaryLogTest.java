package dev.scraper.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runs.jsonl: appended a line per run, trimmed to the last N past 2N, a torn last line cut off and never fatal. */
class SummaryLogTest {
  @TempDir
  Path dir;

  private static RunSummary summary(int i) {
    return RunSummary.of(new JsonObject().put("id", "run-" + i).put("job", "probe").put("urls", i));
  }

  private static List<String> ids(List<RunSummary> list) {
    return list.stream().map(RunSummary::id).toList();
  }

  @Test
  void theFileIsTrimmedToTheLastNWhenItGrowsBeyondTwiceN() throws Exception {
    SummaryLog log = new SummaryLog(null, dir.resolve("probe"), 3);
    for (int i = 1; i <= 6; i++) {
      log.appendNow(summary(i));
    }
    Path file = dir.resolve("probe/runs.jsonl");
    assertEquals(6, Files.readAllLines(file).size(), "up to 2N lines stay");
    log.appendNow(summary(7));
    assertEquals(List.of("run-5", "run-6", "run-7"), Files.readAllLines(file).stream()
        .map(l -> new JsonObject(l).getString("id")).toList());
    assertEquals(List.of("run-5", "run-6", "run-7"), ids(new SummaryLog(null, dir.resolve("probe"), 3).readNow()));
    assertEquals(List.of("run-6", "run-7"), ids(new SummaryLog(null, dir.resolve("probe"), 2).readNow()));
  }

  @Test
  void aTornLastLineIsCutOffAndTheNextAppendStartsALineOfItsOwn() throws Exception {
    Path file = dir.resolve("probe/runs.jsonl");
    Files.createDirectories(file.getParent());
    Files.writeString(file, summary(1).line() + "\nnot json at all\n" + summary(2).line() + "\n"
        + "{\"id\":\"run-3\",\"job\":\"pro", StandardCharsets.UTF_8);
    SummaryLog log = new SummaryLog(null, dir.resolve("probe"), 10);
    assertEquals(List.of("run-1", "run-2"), ids(log.readNow()));
    log.appendNow(summary(4));
    assertEquals(List.of("run-1", "run-2", "run-4"), ids(new SummaryLog(null, dir.resolve("probe"), 10).readNow()));
  }

  @Test
  void noFileIsNoSummaryAndTheHistoryReadsItBackNewestFirst() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      RunHistory history = new RunHistory(vertx, dir, 2, p -> {
        throw new AssertionError(p);
      });
      history.load("probe").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(List.of(), history.list("probe", 10));
      vertx.executeBlocking(() -> {
        new SummaryLog(null, dir.resolve("probe"), 2).appendNow(summary(1));
        new SummaryLog(null, dir.resolve("probe"), 2).appendNow(summary(2));
        new SummaryLog(null, dir.resolve("probe"), 2).appendNow(summary(3));
        return null;
      }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      RunHistory again = new RunHistory(vertx, dir, 2, p -> {
        throw new AssertionError(p);
      });
      again.load("probe").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(List.of("run-3", "run-2"), ids(again.list("probe", 10)));
      assertEquals(List.of("run-3"), ids(again.list("probe", 1)));
      assertEquals("run-3", again.last("probe").id());
      assertEquals(2L, again.find("run-2").toJson().getLong("urls"));
      assertEquals(null, again.find("run-1"));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
