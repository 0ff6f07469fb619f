package dev.scraper.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-run files: only names the template gives with a real run id are a job's run files, the newest are kept, and
 * a partial last line is cut off before appending.
 */
class RunFilesTest {
  @TempDir
  Path dir;

  @Test
  void theNewestRunFilesAreKeptAndNothingElseIsTouched() throws Exception {
    List<String> runs = List.of("20261130T120000Z-00aa", "20261130T120001Z-ffff", "20261130T120002Z-1234",
        "20261130T120003Z-0001");
    for (String id : runs) {
      Files.writeString(dir.resolve("books-" + id + ".jsonl"), "{}\n");
      Files.writeString(dir.resolve("books-" + id + ".jsonl.lock"), "pid 1\n");
    }
    List<String> others = List.of("books-latest.jsonl", "books-20261130T120000Z-00aa.jsonl.bak",
        "other-20261130T120000Z-00aa.jsonl", "books-20261130T120000Z-00AA.jsonl", "books-.jsonl");
    for (String name : others) {
      Files.writeString(dir.resolve(name), "keep\n");
    }
    RunFiles files = new RunFiles(dir.resolve("books-{run}.jsonl"), "{run}", 2);
    assertEquals(2, files.pruneNow());
    assertEquals(List.of(dir.resolve("books-" + runs.get(2) + ".jsonl"), dir.resolve("books-" + runs.get(3) + ".jsonl")),
        files.list());
    assertTrue(Files.notExists(dir.resolve("books-" + runs.get(0) + ".jsonl.lock")), "its lock file went too");
    for (String name : others) {
      assertTrue(Files.exists(dir.resolve(name)), name);
    }
  }

  @Test
  void aPartialLastLineIsCutOffBeforeAppending() throws Exception {
    Path file = dir.resolve("out.jsonl");
    Files.writeString(file, "{\"a\":1}\n{\"b\":2}\n{\"c\":");
    assertEquals(16, AppendEnd.cut(file));
    assertEquals("{\"a\":1}\n{\"b\":2}\n", Files.readString(file));
    assertEquals(16, AppendEnd.cut(file), "a whole file is left alone");
    Files.writeString(file, "x".repeat(20_000));
    assertEquals(0, AppendEnd.cut(file), "one partial line and nothing else");
    assertEquals(0, Files.size(file));
  }
}
