package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.config.ConfigException;
import dev.scraper.config.ConfigReader;
import dev.scraper.config.JobSpec;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick form's options as a config, read by the config reader like any other, and its problems renamed. */
class QuickFormTest {
  @TempDir
  Path dir;

  private static QuickForm form(String... nameValue) {
    QuickForm q = new QuickForm();
    for (int i = 0; i < nameValue.length; i += 2) {
      q.option(nameValue[i], nameValue[i + 1]);
    }
    return q;
  }

  @Test
  void everyOptionBecomesItsConfigKey() {
    QuickForm q = form("--url", "http://127.0.0.1:8080/a", "--extract", "title=h1", "--extract",
        "link=a[href=x]@abs:href", "--extract", "mail=a[href=\"mailto:x@y\"]", "--concurrency", "16",
        "--timeout-ms", "5000", "--no-follow", null, "--no-robots", null);
    JsonObject job = q.config(dir, false).getJsonArray("jobs").getJsonObject(0);
    assertEquals(QuickForm.JOB, job.getString("name"));
    assertEquals("h1", job.getJsonObject("extract").getString("title"));
    assertEquals(new JsonObject().put("css", "a[href=x]").put("attr", "abs:href"),
        job.getJsonObject("extract").getJsonObject("link"));
    assertEquals("a[href=\"mailto:x@y\"]", job.getJsonObject("extract").getString("mail"), "no attribute after @");
    assertEquals(16L, job.getLong("concurrency"));
    assertEquals(5000L, job.getLong("timeoutMs"));
    assertFalse(job.getBoolean("followRedirects"));
    assertFalse(job.getBoolean("robotsTxt"));
    assertEquals("-", job.getJsonObject("output").getString("path"), "records to stdout without -o");
    assertFalse(job.containsKey("urlsFile"), "stdin is not read when URLs are given");

    JobSpec spec = ConfigReader.read(q.config(dir, true), dir).jobs().get(0);
    assertTrue(spec.output().toStdout());
    assertEquals(16, spec.fetch().concurrency());
  }

  @Test
  void stdinIsReadWhenNoUrlIsGivenAndItHasInputOrWhenAskedWithADash() {
    assertTrue(form().readsStdin(true));
    assertFalse(form().readsStdin(false));
    assertFalse(form("--url", "http://a.example/").readsStdin(true));
    assertTrue(form("--url", "http://a.example/", "--url", "-").readsStdin(false));
  }

  @Test
  void anOutputFileAnywhereIsAllowed() {
    Path elsewhere = dir.resolve("elsewhere/deep/out.jsonl");
    JsonObject conf = form("--url", "http://127.0.0.1:8080/", "-o", elsewhere.toString()).config(Path.of("/"), false);
    assertEquals(elsewhere.getParent().toString(), conf.getString("outputDir"));
    assertEquals(elsewhere, ConfigReader.read(conf, dir).jobs().get(0).output().path());
    assertTrue(form("-o", "-").toStdout());
    assertTrue(form().keepsNothingOn(true));
    assertFalse(form().keepsNothingOn(false));
    assertFalse(form("-o", "x.jsonl").keepsNothingOn(true));
  }

  @Test
  void problemsAreNamedAfterTheOptions() {
    QuickForm q = form("--url", "ftp://x/", "--concurrency", "many", "--extract", "price=div[", "--timeout-ms", "0");
    ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
        () -> ConfigReader.read(q.config(dir, false), dir));
    List<String> explained = QuickForm.explain(e.problems());
    assertEquals(List.of(
        "--url: 'ftp://x/' is not an http or https URL",
        "--extract price: invalid CSS selector 'div[': Did not find balanced marker at ''",
        "--concurrency: must be an integer from 1 to 10000, got \"many\""),
        explained.subList(0, 3), String.join("\n", explained));
    assertTrue(explained.get(3).startsWith("--timeout-ms: "), explained.get(3));
    assertEquals(List.of("no URLs: give them as arguments (scraper https://example.com/), with --url, or on stdin"),
        QuickForm.explain(List.of("jobs[0]: no URLs: give \"urls\" or \"urlsFile\"")));
  }
}
