package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.JarProcess;
import dev.scraper.testing.TestSite;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick form, a run with no config file: {@code scraper URL... [--extract NAME=CSS] [-o FILE] ...}, URLs on stdin
 * when none is given, and its mistakes named after the options.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class QuickFormIT {
  private Vertx vertx;
  private TestSite site;
  private JarProcess scraper;

  @TempDir
  Path dir;

  @BeforeEach
  void startSite() throws Exception {
    vertx = Vertx.vertx();
    site = TestSite.start(vertx).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    if (scraper != null) {
      scraper.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  void urlsGivenAsArgumentsGiveRecordsOnAPipeAndLinesOnStderr() throws Exception {
    String one = site.url("/page/1.html");
    String two = site.url("/page/2.html");
    scraper = JarProcess.start(dir, List.of(), one, "--url", two, "--extract", "title=h1",
        "--extract", "image=img@abs:src");

    assertEquals(0, scraper.waitFor(30), scraper.describe());
    Map<String, JsonObject> records = byUrl(scraper.stdout());
    assertEquals(List.of(one, two), List.copyOf(records.keySet()), scraper.describe());
    JsonObject fields = records.get(two).getJsonObject("fields");
    assertEquals("Page 2", fields.getString("title"));
    assertEquals(site.url("/page/img/2.png"), fields.getString("image"));
    assertEquals(QuickForm.JOB, records.get(one).getString("job"));
    String stderr = scraper.stderr();
    assertTrue(stderr.lines().anyMatch(l -> l.startsWith("OK  200") && l.endsWith(one)), stderr);
    assertTrue(stderr.lines().anyMatch(l -> l.equals("URLs      2")), stderr);
    assertEquals(1, site.hits("/robots.txt"), "robots.txt is obeyed, as by default");
  }

  @Test
  void outputFileNoRobotsNoFollowAndConcurrency() throws Exception {
    String redirect = site.url("/redirect/1");
    String page = site.url("/page/3.html");
    scraper = JarProcess.start(dir, List.of(), "-o", "out/quick.jsonl", "--no-robots", "--no-follow",
        "--concurrency", "1", "--timeout-ms", "5000", redirect, page);

    assertEquals(0, scraper.waitFor(30), scraper.describe());
    Map<String, JsonObject> records = byUrl(Files.readString(dir.resolve("out/quick.jsonl")));
    assertEquals(2, records.size(), scraper.describe());
    int status = records.get(redirect).getInteger("status");
    assertTrue(status >= 300 && status < 400, "the redirect is not followed: " + records.get(redirect).encode());
    assertEquals(0, site.hits("/robots.txt"), "robots.txt is not asked for");
    assertTrue(scraper.stdout().contains("URLs      2"), "with -o, the lines go to stdout: " + scraper.describe());
    assertFalse(scraper.stdout().contains("{\"job\""), "no record on stdout: " + scraper.describe());
  }

  @Test
  void withNoUrlGivenTheUrlsComeFromStdin() throws Exception {
    Path urls = Files.writeString(dir.resolve("urls.txt"),
        site.url("/page/4.html") + "\n# a comment\n" + site.url("/page/5.html") + "\n", StandardCharsets.UTF_8);
    scraper = JarProcess.start(dir, List.of(), ProcessBuilder.Redirect.from(urls.toFile()), null, "--no-robots");

    assertEquals(0, scraper.waitFor(30), scraper.describe());
    assertEquals(List.of(site.url("/page/4.html"), site.url("/page/5.html")),
        List.copyOf(byUrl(scraper.stdout()).keySet()), scraper.describe());
  }

  @Test
  void badValuesAreNamedAfterTheirOptionsAndNothingIsFetched() throws Exception {
    scraper = JarProcess.start(dir, List.of(), "--concurrency", "0", "--extract", "price=div[",
        "--timeout-ms", "soon", site.url("/page/6.html"));

    assertEquals(2, scraper.waitFor(30), scraper.describe());
    List<String> stderr = scraper.stderr().lines().toList();
    assertEquals("scraper: the options are invalid (3 problems); nothing was fetched:", stderr.get(0));
    assertTrue(stderr.contains("  --concurrency: must be an integer from 1 to 10000, got 0"), scraper.describe());
    assertTrue(stderr.stream().anyMatch(l -> l.startsWith("  --extract price: invalid CSS selector 'div['")),
        scraper.describe());
    assertTrue(stderr.stream().anyMatch(l -> l.startsWith("  --timeout-ms: ") && l.endsWith("got \"soon\"")),
        scraper.describe());
    assertEquals(0, site.hits("/page/6.html") + site.hits("/robots.txt"), "nothing was fetched");
  }

  @Test
  void urlsAndAConfigDoNotGoTogether() throws Exception {
    scraper = JarProcess.start(dir, List.of(), "-conf", "conf.json", site.url("/page/7.html"));

    assertEquals(2, scraper.waitFor(30), scraper.describe());
    assertTrue(scraper.stderr().startsWith("scraper: a URL cannot be used with -conf: put it in the config"),
        scraper.describe());
    assertTrue(scraper.stderr().contains("try 'scraper --help'"), scraper.describe());
  }

  /** The JSON lines of {@code text}, by URL, in order. */
  private static Map<String, JsonObject> byUrl(String text) {
    Map<String, JsonObject> out = new TreeMap<>();
    List<String> order = new ArrayList<>();
    for (String line : text.lines().filter(l -> l.startsWith("{")).toList()) {
      JsonObject r = new JsonObject(line);
      out.put(r.getString("url"), r);
      order.add(r.getString("url"));
    }
    assertEquals(order.size(), out.size(), "one record per URL: " + text);
    return out;
  }
}
