package dev.scraper.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.url.Redaction;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run taken over skips the URLs whose records its dead owner already wrote, however the record names the URL. */
class TakeoverTest {
  @TempDir
  Path dir;

  private static JsonArray entry(String given) {
    return new JsonArray().add(given).add(0).addNull().add(false);
  }

  private static String record(String run, String url) {
    return new JsonObject().put("job", "j").put("run", run).put("url", url).put("status", 200).encode();
  }

  @Test
  void theUrlsWhoseRecordsOfTheRunAreInTheOwnersOutputAreDoneEvenWithAPasswordRedacted() throws Exception {
    String secret = "http://user:pass@127.0.0.1:8080/private";
    assertFalse(secret.equals(Redaction.url(secret)), "records hide the password");
    Map<String, JsonArray> urls = new HashMap<>(Map.of(
        "a", entry("http://127.0.0.1:8080/a"),
        "b", entry(secret),
        "c", entry("http://127.0.0.1:8080/c"),
        "d", entry("http://127.0.0.1:8080/d")));
    Path output = dir.resolve("out.jsonl");
    Files.writeString(output, String.join("\n",
        record("run-1", "http://127.0.0.1:8080/a"),
        record("run-1", Redaction.url(secret)),
        record("run-0", "http://127.0.0.1:8080/c"), // another run's record of the same URL
        record("run-1", "http://127.0.0.1:8080/d").substring(0, 30)) // torn by the owner's death
        + "\n");
    Map<String, JsonArray> after = Takeover.withWritten(urls, output.toString(), "run-1");
    assertTrue(after.get("a").getBoolean(3));
    assertTrue(after.get("b").getBoolean(3), "the record has the URL without its password: "
        + Redaction.url(secret));
    assertFalse(after.get("c").getBoolean(3), "another run's record does not count");
    assertFalse(after.get("d").getBoolean(3), "a torn line does not count: that URL is fetched again");
    assertEquals(4, after.size());
  }
}
