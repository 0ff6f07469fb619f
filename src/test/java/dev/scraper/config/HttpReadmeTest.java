package dev.scraper.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Management API section agrees with the code: its http keys and defaults, its POST /jobs example. */
class HttpReadmeTest {
  private static final Pattern ROW = Pattern.compile("^\\| `http\\.([a-z]+)` \\| ([^|]+) \\|", Pattern.MULTILINE);
  private static final Pattern POSTED = Pattern.compile("curl -s -d '(\\{.*?\\})' 127\\.0\\.0\\.1:8088/jobs`");

  @TempDir
  Path dir;

  private static String readme() throws IOException {
    return Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
  }

  @Test
  void theHttpRowsAreTheKeysTheReaderTakesWithTheirDefaults() throws IOException {
    Map<String, String> rows = new LinkedHashMap<>();
    Matcher m = ROW.matcher(readme());
    while (m.find()) {
      rows.put(m.group(1), m.group(2).strip());
    }
    assertEquals(HttpReader.KEYS, List.copyOf(rows.keySet()));
    assertEquals(Defaults.HTTP_HOST, rows.get("host"));
    assertEquals(String.valueOf(Defaults.HTTP_PORT), rows.get("port"));
    assertEquals(Defaults.HTTP_TOKEN == null ? "none" : Defaults.HTTP_TOKEN, rows.get("token"));
    assertTrue(readme().contains("at least " + Defaults.HTTP_TOKEN_MIN_CHARS + " characters"));
  }

  @Test
  void theJobPostedInTheReadmeIsValid() throws IOException {
    Matcher m = POSTED.matcher(readme());
    assertTrue(m.find(), "no POST /jobs example in the README");
    HttpSpec http = ConfigReader.read(new JsonObject().put("http", new JsonObject()), dir).http();
    assertEquals("books", AddedJob.read(new JsonObject(m.group(1)), http).name());
  }

  @Test
  void theRunSummariesSectionStatesTheDefaultsConstants() throws IOException {
    String text = readme();
    int at = text.indexOf("### Run summaries");
    assertTrue(at > 0, "no Run summaries section");
    String section = text.substring(at, text.indexOf("\n## ", at));
    assertTrue(section.contains("the last " + Defaults.SUMMARIES_KEPT + " of each job are kept"), section);
    assertTrue(section.contains("when it\npasses " + 2 * Defaults.SUMMARIES_KEPT + " lines"), section);
    assertTrue(section.contains("the " + Defaults.SUMMARY_HOSTS + " busiest hosts"), section);
    assertTrue(section.contains("its first " + Defaults.SUMMARY_HOSTS_TRACKED + " hosts"), section);
    assertTrue(section.contains("for runs of up to " + Defaults.SUMMARY_URLS + " URLs"), section);
    assertTrue(text.contains("The last " + Defaults.SUMMARIES_KEPT + " [run summaries](#run-summaries)"));
  }
}
