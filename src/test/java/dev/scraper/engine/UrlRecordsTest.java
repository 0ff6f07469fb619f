package dev.scraper.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.TestSite;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Exactly one record per URL read, whatever the line says: never a hang, never a label the URL did not earn. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class UrlRecordsTest {
  @TempDir
  Path dir;

  private Path urls(String... lines) {
    try {
      return Files.write(dir.resolve("urls.txt"), List.of(lines));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aPortOutOfRangeInTheUrlsFileIsAnInvalidUrlRecordAndTheRunEnds(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      Path file = urls("http://127.0.0.1:99999/", "http://127.0.0.1:0/x", site.url("/page/1.html"),
          "https://example.com:65536/");
      JsonObject job = new JsonObject().put("urlsFile", file.toString())
          .put("extract", new JsonObject().put("title", "h1")); // robots.txt on, as by default
      return EngineRun.runJob(vertx, job, dir).map(run -> {
        ctx.verify(() -> {
          assertEquals(4, run.records().size(), run.terminal);
          JsonObject bad = run.byUrl().get("http://127.0.0.1:99999/");
          assertEquals("invalid-url", EngineRun.errorType(bad));
          assertEquals("urls.txt:1: 'http://127.0.0.1:99999/' has a port out of range (99999; use 1-65535)",
              bad.getJsonObject("error").getString("message"));
          assertEquals(0, bad.getInteger("attempts"));
          assertEquals("invalid-url", EngineRun.errorType(run.byUrl().get("http://127.0.0.1:0/x")));
          assertEquals("invalid-url", EngineRun.errorType(run.byUrl().get("https://example.com:65536/")));
          assertEquals(null, EngineRun.errorType(run.byUrl().get(site.url("/page/1.html"))));
          assertEquals(3, run.results.get(0).stats().errors().get("invalid-url"));
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void urlsOfOneHostInDifferentSpellingsAreOneUrlAndShareOneRobotsTxt(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      String base = "http://127.0.0.1:" + site.port();
      Path file = urls(base + "/page/1.html", "HTTP://127.0.0.1:" + site.port() + "/page/./1.html",
          base + "/page/%31.html#x", base + "/page/2.html");
      JsonObject job = new JsonObject().put("urlsFile", file.toString())
          .put("extract", new JsonObject().put("title", "h1"));
      return EngineRun.runJob(vertx, job, dir).map(run -> {
        ctx.verify(() -> {
          assertEquals(2, run.records().size(), "one record per distinct URL: " + run.terminal);
          assertEquals(2, run.results.get(0).stats().duplicates());
          assertEquals(1, site.hits("/page/1.html"));
          assertTrue(run.terminal.contains("(2 duplicates skipped)"), run.terminal);
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void anAttributeIsExtractedWhateverTheCaseOfItsNameAndOfAbs(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> {
      JsonObject extract = new JsonObject()
          .put("upper", new JsonObject().put("css", "img").put("attr", "ABS:SRC"))
          .put("mixed", new JsonObject().put("css", "img").put("attr", "Abs:Src"))
          .put("plain", new JsonObject().put("css", "img").put("attr", "SRC"));
      JsonObject job = new JsonObject().put("urls", new io.vertx.core.json.JsonArray().add(site.url("/page/1.html")))
          .put("extract", extract);
      return EngineRun.runJob(vertx, job, dir).map(run -> {
        ctx.verify(() -> {
          JsonObject fields = run.only().getJsonObject("fields");
          assertEquals(site.url("/page/img/1.png"), fields.getString("upper"));
          assertEquals(site.url("/page/img/1.png"), fields.getString("mixed"));
          assertEquals("img/1.png", fields.getString("plain"));
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }
}
