package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.JarProcess;
import dev.scraper.testing.TestSite;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job seeded by a sitemap index, run by the jar as users run it: one record per URL listed, the sitemap that is
 * not a sitemap and the missing one each on one line of the terminal (and not a second time as a library's log
 * line on stderr), the sitemaps in the summary, exit code 1.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SitemapJarIT {
  private static Vertx vertx;
  private static TestSite site;

  @TempDir
  Path dir;

  @BeforeAll
  static void startSite() throws Exception {
    vertx = Vertx.vertx();
    site = await(TestSite.start(vertx));
  }

  @AfterAll
  static void stopSite() throws Exception {
    if (site != null) {
      await(site.close());
    }
    if (vertx != null) {
      await(vertx.close());
    }
  }

  @Test
  void aSitemapIndexSeedsTheRunAndItsBrokenSitemapsAreReportedOnceEach() throws Exception {
    JsonObject conf = new JsonObject().put("jobs", new JsonArray().add(new JsonObject().put("name", "maps")
        .put("sitemap", site.url("/sitemaps/index.xml")).put("extract", new JsonObject().put("title", "h1"))
        .put("output", new JsonObject().put("path", "maps.jsonl"))));
    Path file = dir.resolve("conf.json");
    Files.writeString(file, conf.encodePrettily());
    try (JarProcess p = JarProcess.start(dir, List.of(), "-conf", file.toString())) {
      assertEquals(1, p.waitFor(60), p.describe());
      Set<String> urls = Files.readAllLines(dir.resolve("maps.jsonl"), StandardCharsets.UTF_8).stream()
          .map(line -> new JsonObject(line).getString("url")).collect(Collectors.toCollection(TreeSet::new));
      Set<String> expected = new TreeSet<>();
      for (int n = 1; n <= 8; n++) {
        expected.add(site.url("/page/" + n + ".html"));
      }
      assertEquals(expected, urls, p.describe());
      String out = p.stdout();
      assertEquals(1, out.lines().filter(l -> l.startsWith("scraper: job maps: sitemap "
          + site.url("/sitemaps/broken.xml") + " not read (invalid-sitemap): ")).count(), p.describe());
      assertEquals(1, out.lines().filter(l -> l.equals("scraper: job maps: sitemap "
          + site.url("/sitemaps/missing.xml") + " not read (http-status): HTTP 404 Not Found")).count(), p.describe());
      assertTrue(out.contains("sitemaps  3 read (10 URLs), 2 failed: http-status 1, invalid-sitemap 1; 1 listed "
          + "again (skipped)\n"), p.describe());
      assertTrue(out.contains("URLs      8 (2 duplicates skipped)"), p.describe());
      assertFalse(p.stderr().contains("Error parsing sitemap") || p.stderr().contains("WARNING"), p.describe());
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
