package dev.scraper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.config.ConfigException;
import dev.scraper.config.ConfigReader;
import dev.scraper.config.Defaults;
import dev.scraper.config.ScraperConfig;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's config reference agrees with the code: its defaults are the {@link Defaults} constants, it names
 * every key the config reader accepts (and no other), and its example configs are valid. The README is read from the
 * project root, the working directory of the tests.
 */
class ReadmeTest {
  private static final Path README = Path.of("README.md");
  /** A config table row: {@code | `key` | default | meaning |}; the first cell may name several keys. */
  private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");
  private static final Pattern JSON_BLOCK = Pattern.compile("(?ms)^```json\\s*\\n(.*?)^```");

  @TempDir
  Path dir;

  private static String readme() {
    try {
      return Files.readString(README, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("README.md not found from " + Path.of("").toAbsolutePath(), e);
    }
  }

  /**
   * Key to default cell (backticks removed), over every table whose header is {@code | key | default | meaning |}
   * (the fetch keys, then the job keys); other tables (record fields, error types, exit codes) are not config.
   */
  private static Map<String, String> configTable() {
    Map<String, String> keys = new LinkedHashMap<>();
    boolean inConfigTable = false;
    for (String line : readme().split("\n")) {
      if (!line.startsWith("|")) {
        inConfigTable = false;
        continue;
      }
      List<String> cells = cells(line);
      if (cells.size() >= 3 && cells.get(0).equals("key") && cells.get(1).equals("default")) {
        inConfigTable = true;
        continue;
      }
      if (!inConfigTable || cells.get(0).startsWith("---")) {
        continue;
      }
      Matcher m = BACKTICKED.matcher(cells.get(0));
      String value = cells.get(1).replace("`", "");
      boolean any = false;
      while (m.find()) {
        if (keys.put(m.group(1), value) != null) {
          throw new AssertionError("the README lists '" + m.group(1) + "' twice");
        }
        any = true;
      }
      assertTrue(any, "a config row without a `key`: " + line);
    }
    return keys;
  }

  private static List<String> cells(String row) {
    String inner = row.strip();
    inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
    List<String> cells = new ArrayList<>();
    for (String cell : inner.split("\\|", -1)) {
      cells.add(cell.strip());
    }
    return cells;
  }

  /** A list of {@code dev.scraper.config.Keys}, which is package-private: the keys the config reader accepts. */
  @SuppressWarnings("unchecked")
  private static List<String> keys(String list) {
    try {
      Field field = Class.forName("dev.scraper.config.Keys").getDeclaredField(list);
      field.setAccessible(true);
      return (List<String>) field.get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("dev.scraper.config.Keys." + list + " is gone; update this test", e);
    }
  }

  /** The keys of "follow" (dev.scraper.config.FollowReader.KEYS, package-private). */
  @SuppressWarnings("unchecked")
  private static List<String> followKeys() {
    try {
      Field field = Class.forName("dev.scraper.config.FollowReader").getDeclaredField("KEYS");
      field.setAccessible(true);
      return (List<String>) field.get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("dev.scraper.config.FollowReader.KEYS is gone; update this test", e);
    }
  }

  /** The README's spelling of a default value. */
  private static String shown(Object value) {
    if (value == null) {
      return "none";
    }
    if (value instanceof Map<?, ?> map) {
      return new JsonObject(map.entrySet().stream()
          .collect(Collectors.toMap(e -> (String) e.getKey(), Map.Entry::getValue))).encode();
    }
    return String.valueOf(value); // numbers, booleans, and lists as [429, 500, ...]
  }

  /** Each fetch key with its Defaults constant (compiled against, so a renamed constant fails here first). */
  static Stream<Arguments> fetchDefaults() {
    return Stream.of(
        Arguments.of("concurrency", Defaults.CONCURRENCY),
        Arguments.of("perHost", Defaults.PER_HOST),
        Arguments.of("delayMs", Defaults.DELAY_MS),
        Arguments.of("timeoutMs", Defaults.TIMEOUT_MS),
        Arguments.of("connectTimeoutMs", Defaults.CONNECT_TIMEOUT_MS),
        Arguments.of("idleTimeoutMs", Defaults.IDLE_TIMEOUT_MS),
        Arguments.of("followRedirects", Defaults.FOLLOW_REDIRECTS),
        Arguments.of("maxRedirects", Defaults.MAX_REDIRECTS),
        Arguments.of("maxBodyBytes", Defaults.MAX_BODY_BYTES),
        Arguments.of("retries", Defaults.RETRIES),
        Arguments.of("retryOn", Defaults.RETRY_ON),
        Arguments.of("userAgent", Defaults.USER_AGENT),
        Arguments.of("headers", Defaults.HEADERS),
        Arguments.of("robotsTxt", Defaults.ROBOTS_TXT),
        Arguments.of("throttle", Defaults.THROTTLE),
        Arguments.of("maxRetryAfterMs", Defaults.MAX_RETRY_AFTER_MS),
        Arguments.of("maxCrawlDelayMs", Defaults.MAX_CRAWL_DELAY_MS),
        Arguments.of("sitemapFromRobots", Defaults.SITEMAP_FROM_ROBOTS),
        Arguments.of("method", Defaults.METHOD),
        Arguments.of("expectStatus", Defaults.EXPECT_STATUS),
        Arguments.of("tls.caFile", Defaults.TLS_CA_FILE),
        Arguments.of("tls.insecure", Defaults.TLS_INSECURE),
        Arguments.of("proxy", Defaults.PROXY),
        Arguments.of("follow.sameHost", Defaults.FOLLOW_SAME_HOST),
        Arguments.of("follow.scope", Defaults.FOLLOW_SCOPE),
        Arguments.of("follow.maxDepth", Defaults.FOLLOW_MAX_DEPTH),
        Arguments.of("follow.maxPages", Defaults.FOLLOW_MAX_PAGES),
        Arguments.of("follow.nofollow", Defaults.FOLLOW_NOFOLLOW),
        Arguments.of("follow.canonical", Defaults.FOLLOW_CANONICAL),
        Arguments.of("follow.maxUrlLength", Defaults.FOLLOW_MAX_URL_LENGTH),
        Arguments.of("follow.maxPagesPerHost", Defaults.FOLLOW_MAX_PAGES_PER_HOST),
        Arguments.of("follow.maxQueryVariants", Defaults.FOLLOW_MAX_QUERY_VARIANTS),
        Arguments.of("follow.removeParams", Defaults.FOLLOW_REMOVE_PARAMS),
        Arguments.of("output.format", Defaults.OUTPUT_FORMAT),
        Arguments.of("output.onlyChanged", Defaults.ONLY_CHANGED),
        Arguments.of("output.keepRuns", Defaults.KEEP_RUNS),
        Arguments.of("schedule", Defaults.SCHEDULE));
  }

  @ParameterizedTest(name = "[{index}] {0} = {1}")
  @MethodSource("fetchDefaults")
  void theReadmeDefaultOfAKeyIsItsDefaultsConstant(String key, Object constant) {
    Map<String, String> table = configTable();
    assertTrue(table.containsKey(key), "the README has no row for `" + key + "`; rows: " + table.keySet());
    String readme = table.get(key);
    if (key.equals("userAgent")) {
      // shown as scraper/<version>: the version is the jar's, "dev" when run from classes
      assertTrue(readme.contains("<version>"), "userAgent default '" + readme + "' should show <version>");
      readme = readme.replace("<version>", Defaults.VERSION);
    }
    assertEquals(shown(constant), readme, "README default of `" + key + "` vs Defaults");
  }

  @Test
  void everyFetchKeyHasItsDefaultCheckedAbove() {
    Set<String> checked = fetchDefaults().map(a -> (String) a.get()[0]).collect(Collectors.toCollection(TreeSet::new));
    for (String key : keys("FETCH")) {
      assertTrue(checked.contains(key) || checked.stream().anyMatch(k -> k.startsWith(key + ".")),
          "fetchDefaults() lacks the fetch key " + key);
    }
  }

  @Test
  void theTopLevelDefaultsInTheReadmeAreTheDefaultsConstants() {
    String text = readme().replaceAll("\\s+", " ");
    Matcher outputDir = Pattern.compile("`outputDir` \\(default `([^`]+)`").matcher(text);
    assertTrue(outputDir.find(), "the README gives no default for `outputDir`");
    assertEquals(Defaults.OUTPUT_DIR, outputDir.group(1));
    Matcher quiet = Pattern.compile("`quiet` \\(default `?([a-z]+)`?\\)").matcher(text);
    assertTrue(quiet.find(), "the README gives no default for `quiet`");
    assertEquals(String.valueOf(Defaults.QUIET), quiet.group(1));
    Matcher grace = Pattern.compile("`shutdownGraceMs` \\(default `(\\d+)`, at most (\\d+)").matcher(text);
    assertTrue(grace.find(), "the README gives no default for `shutdownGraceMs`");
    assertEquals(String.valueOf(Defaults.SHUTDOWN_GRACE_MS), grace.group(1));
    assertEquals(String.valueOf(Defaults.MAX_SHUTDOWN_GRACE_MS), grace.group(2));
  }

  @Test
  void everyKeyAJobAcceptsIsInTheReadmeTables() {
    Set<String> table = configTable().keySet();
    List<String> missing = new ArrayList<>();
    for (String key : keys("JOB")) {
      if (!table.contains(key) && table.stream().noneMatch(k -> k.startsWith(key + "."))) {
        missing.add(key);
      }
    }
    for (String key : keys("OUTPUT")) {
      if (!table.contains("output." + key)) {
        missing.add("output." + key);
      }
    }
    for (String key : followKeys()) {
      if (!table.contains("follow." + key)) {
        missing.add("follow." + key);
      }
    }
    for (String key : keys("TLS")) {
      if (!table.contains("tls." + key)) {
        missing.add("tls." + key);
      }
    }
    assertEquals(List.of(), missing, "job keys the config accepts but the README tables do not list");
  }

  @Test
  void everyFetchKeyIsInTheReadmeTables() {
    Set<String> table = configTable().keySet();
    assertEquals(List.of(), keys("FETCH").stream()
        .filter(k -> !table.contains(k) && table.stream().noneMatch(t -> t.startsWith(k + "."))).toList());
  }

  @Test
  void everyKeyOfTheReadmeTablesIsAKeyTheConfigAccepts() {
    List<String> job = keys("JOB");
    List<String> output = keys("OUTPUT");
    List<String> tls = keys("TLS");
    List<String> follow = followKeys();
    List<String> notify = keys("NOTIFY");
    List<String> unknown = configTable().keySet().stream()
        .filter(k -> !job.contains(k) && !(k.startsWith("output.") && output.contains(k.substring(7)))
            && !(k.startsWith("tls.") && tls.contains(k.substring(4)))
            && !(k.startsWith("follow.") && follow.contains(k.substring(7)))
            && !(k.startsWith("notify.") && notify.contains(k.substring(7))))
        .toList();
    assertEquals(List.of(), unknown, "README rows the config reader would reject as unknown keys");
  }

  @Test
  void theTopLevelKeysAndTheKeysOfAnExtractFieldAreNamedInTheReadme() {
    String text = readme();
    for (String key : keys("ROOT")) {
      assertTrue(text.contains("`" + key + "`"), "the README never names the top-level key `" + key + "`");
    }
    for (String key : keys("FIELD")) {
      assertTrue(text.contains("\"" + key + "\""), "the README never names the extract field key \"" + key + "\"");
    }
  }

  /**
   * Every ```json block that is a whole config (it has "jobs") is valid. The reader checks that a "urlsFile" exists
   * (relative to the work directory), so each one named is created in the temp dir with one URL in it; output paths
   * are only checked to stay inside "outputDir" (by default the work directory), so they need nothing.
   */
  @Test
  void everyWholeConfigInTheReadmeValidates() throws IOException {
    List<String> blocks = new ArrayList<>();
    Matcher m = JSON_BLOCK.matcher(readme());
    while (m.find()) {
      blocks.add(m.group(1));
    }
    assertFalse(blocks.isEmpty(), "no ```json block in the README");
    int configs = 0;
    for (String text : blocks) {
      JsonObject json = new JsonObject(text);
      if (!json.containsKey("jobs")) {
        continue; // a record, not a config
      }
      configs++;
      for (Object job : json.getJsonArray("jobs")) {
        if (job instanceof JsonObject j && j.getValue("urlsFile") instanceof String file) {
          Path path = dir.resolve(file);
          Files.createDirectories(path.getParent());
          Files.writeString(path, "http://127.0.0.1:8089/\n");
        }
      }
      try {
        ScraperConfig config = ConfigReader.read(json, dir);
        assertEquals(json.getJsonArray("jobs").size(), config.jobs().size());
      } catch (ConfigException e) {
        throw new AssertionError("this README config is invalid:\n" + text + "\n" + e.getMessage(), e);
      }
    }
    assertTrue(configs >= 1, "no ```json block with \"jobs\" in the README");
  }
}
