package dev.scraper.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigReaderTest {
  private static final String INVALID = "/conf/invalid/";
  private static final String SEPARATOR = " | ";

  @TempDir
  Path workDir;

  @Test
  void fullConfigYieldsRecordsWithDefaultsMergedAndTheJobWinning() throws IOException {
    Files.writeString(workDir.resolve("urls.txt"), "http://127.0.0.1:8080/a.html\n");
    JsonObject json = new JsonObject("""
        {
          "defaults": {
            "concurrency": 16, "perHost": 4, "delayMs": 250, "timeoutMs": 20000, "connectTimeoutMs": 2000,
            "idleTimeoutMs": 3000, "followRedirects": false, "maxRedirects": 3, "maxBodyBytes": 5000000000,
            "retries": 0, "robotsTxt": false, "throttle": false, "userAgent": "test-agent/1",
            "headers": {"Accept-Language": "en", "X-Team": "a"}
          },
          "outputDir": "out",
          "quiet": true,
          "http": null,
          "jobs": [
            {
              "name": "books",
              "urls": ["  HTTP://127.0.0.1:8080/index.html ", "https://example.com/x?y=1"],
              "urlsFile": "urls.txt",
              "concurrency": 32,
              "followRedirects": true,
              "retries": 3, "retryOn": [503, 429], "robotsTxt": true, "throttle": true,
              "maxRetryAfterMs": 1000, "maxCrawlDelayMs": 2000,
              "headers": {"x-team": "b"},
              "extract": {
                "title": "h1",
                "price": {"css": ".price_color"},
                "image": {"css": "img", "attr": "abs:src"},
                "tags": {"css": ".tag", "all": true},
                "body": {"css": "article", "html": true}
              },
              "output": {"path": "books/records.jsonl", "format": "jsonl", "onlyChanged": false}
            },
            {"name": "other_2", "urls": ["http://127.0.0.1:8080/"], "output": {"path": "other.jsonl"}}
          ]
        }
        """);

    ScraperConfig config = ConfigReader.read(json, workDir, 64L << 30);

    Path out = workDir.toAbsolutePath().resolve("out");
    assertEquals(out, config.outputDir());
    assertTrue(config.quiet());
    assertEquals(2, config.jobs().size());

    JobSpec books = config.jobs().get(0);
    assertEquals("books", books.name());
    assertEquals(List.of("HTTP://127.0.0.1:8080/index.html", "https://example.com/x?y=1"), books.urls());
    assertEquals(workDir.toAbsolutePath().resolve("urls.txt"), books.urlsFile());
    assertEquals(new OutputSpec(out.resolve("books/records.jsonl"), "jsonl", false), books.output());
    assertEquals(List.of("title", "price", "image", "tags", "body"), List.copyOf(books.extract().keySet()));
    assertEquals(new FieldSpec("title", "h1", null, false, false), books.extract().get("title"));
    assertEquals(new FieldSpec("price", ".price_color", null, false, false), books.extract().get("price"));
    assertEquals(new FieldSpec("image", "img", "abs:src", false, false), books.extract().get("image"));
    assertEquals(new FieldSpec("tags", ".tag", null, true, false), books.extract().get("tags"));
    assertEquals(new FieldSpec("body", "article", null, false, true), books.extract().get("body"));
    assertEquals(new FetchPolicy(32, 4, 250, 20000, 2000, 3000, true, 3, 5_000_000_000L, 3, List.of(503, 429),
        "test-agent/1", Map.of("Accept-Language", "en", "x-team", "b"), true, true, 1000, 2000, "GET", List.of(),
        TlsProxy.DEFAULT),
        books.fetch());
    assertEquals(List.of("Accept-Language", "x-team"), List.copyOf(books.fetch().headers().keySet()));

    JobSpec other = config.jobs().get(1);
    assertNull(other.urlsFile());
    assertEquals(Map.of(), other.extract());
    assertEquals(new FetchPolicy(16, 4, 250, 20000, 2000, 3000, false, 3, 5_000_000_000L, 0, Defaults.RETRY_ON,
        "test-agent/1", Map.of("Accept-Language", "en", "X-Team", "a"), false, false, Defaults.MAX_RETRY_AFTER_MS,
        Defaults.MAX_CRAWL_DELAY_MS, Defaults.METHOD, Defaults.EXPECT_STATUS, TlsProxy.DEFAULT), other.fetch());
  }

  @Test
  void minimalConfigGetsEveryDefault() {
    JsonObject json = new JsonObject("""
        {"jobs": [{"name": "demo", "urlsFile": "urls.txt", "output": {"path": "demo.jsonl"}}]}
        """);
    writeUrlsFile();

    ScraperConfig config = ConfigReader.read(json, workDir);

    Path base = workDir.toAbsolutePath().normalize();
    assertEquals(base, config.outputDir());
    assertFalse(config.quiet());
    JobSpec job = config.jobs().get(0);
    assertEquals(List.of(), job.urls());
    assertEquals(FetchPolicy.defaults(), job.fetch());
    assertEquals(Defaults.RETRIES, job.fetch().retries());
    assertTrue(job.fetch().robotsTxt());
    assertEquals(new OutputSpec(base.resolve("demo.jsonl"), Defaults.OUTPUT_FORMAT, Defaults.ONLY_CHANGED),
        job.output());
  }

  @Test
  void aDashReadsStdinAndWritesStdoutAndNeedsNoFileOrOutputDir() {
    JsonObject json = new JsonObject("""
        {"outputDir": "not-there", "jobs": [
          {"name": "pipe", "urlsFile": "-", "output": {"path": "-"}},
          {"name": "file", "urls": ["http://127.0.0.1:8080/"], "output": {"path": "file.jsonl"}}
        ]}
        """);

    ScraperConfig config = ConfigReader.read(json, workDir);

    JobSpec pipe = config.jobs().get(0);
    assertTrue(pipe.readsStdin());
    assertEquals(JobSpec.STDIN, pipe.urlsFile());
    assertTrue(pipe.output().toStdout());
    assertEquals(new OutputSpec(OutputSpec.STDOUT, Defaults.OUTPUT_FORMAT, Defaults.ONLY_CHANGED), pipe.output());
    JobSpec file = config.jobs().get(1);
    assertFalse(file.readsStdin());
    assertFalse(file.output().toStdout());
    assertFalse(Files.exists(workDir.resolve("-")), "no file named '-' was made");
  }

  @Test
  void exceptionMessageListsEveryProblemOnItsOwnLine() {
    JsonObject json = new JsonObject("{\"jobs\": [{\"name\": \"a\", \"concurrency\": 0, \"output\": 1}]}");

    ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.read(json, workDir));

    assertEquals(String.join("\n", e.problems()), e.getMessage());
    assertEquals(3, e.problems().size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidConfigs")
  void invalidConfigIsRejectedWithExactlyTheseProblems(String file, String expected) throws Exception {
    writeUrlsFile();
    Files.createDirectories(workDir.resolve("existing-dir"));
    Path conf = resource(INVALID + file);
    JsonObject json = ConfigSource.load(conf.toString(), workDir);

    ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.read(json, workDir));

    String dir = workDir.toAbsolutePath().normalize().toString();
    List<String> want = Arrays.asList(expected.replace("${workDir}", dir).split(Pattern.quote(SEPARATOR)));
    assertEquals(want, e.problems());
  }

  @Test
  void everyInvalidConfigHasExpectedMessagesAndTheTableIsBigEnough() throws Exception {
    Set<String> files;
    try (Stream<Path> list = Files.list(resource(INVALID))) {
      files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    Set<String> rows = invalidConfigs().map(a -> (String) a.get()[0]).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(files, rows);
    assertTrue(rows.size() >= 20, "at least 20 invalid configs, got " + rows.size());
  }

  @Test
  void theMemoryBudgetIsAShareOfTheHeapUnlessGiven() {
    JsonObject json = new JsonObject().put("jobs", new JsonArray().add(new JsonObject().put("name", "a")
        .put("urls", new JsonArray().add("http://127.0.0.1:8080/")).put("output", new JsonObject().put("path", "a"))));
    assertEquals(214_748_364L, ConfigReader.read(json, workDir, 512L << 20).memoryBudgetBytes());
    json.put("memoryBudgetBytes", 100_000_000);
    assertEquals(100_000_000L, ConfigReader.read(json, workDir, 512L << 20).memoryBudgetBytes());
  }

  @Test
  void aPageLargerThanTheMemoryBudgetIsRejectedBeforeAnyFetchNamingScraperHeap() {
    JsonObject json = new JsonObject("""
        {"defaults": {"maxBodyBytes": 300000000},
         "jobs": [{"name": "a", "urls": ["http://127.0.0.1:8080/"], "output": {"path": "a"}},
                  {"name": "b", "urls": ["http://127.0.0.1:8080/"], "output": {"path": "b"}, "maxBodyBytes": 1000},
                  {"name": "c", "urls": ["http://127.0.0.1:8080/"], "output": {"path": "c"}}]}
        """);
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.read(json, workDir, 512L << 20));
    assertEquals(List.of("defaults.maxBodyBytes: 300000000 bytes is more than the memory budget (214748364 bytes,"
        + " 40% of the JVM's 512 MiB heap), so one page could not be held; lower maxBodyBytes, or give the JVM more"
        + " heap (SCRAPER_HEAP=1g scripts/scraper, or java -Xmx1g -jar)"), e.problems(), "reported once, where set");

    JsonObject given = json.copy().put("memoryBudgetBytes", 1_000_000_000);
    ConfigException overHeap = assertThrows(ConfigException.class,
        () -> ConfigReader.read(given, workDir, 512L << 20));
    assertEquals("memoryBudgetBytes: 1000000000 is more than the JVM's largest heap (512 MiB); lower it, or give the"
        + " JVM more heap (SCRAPER_HEAP=1g scripts/scraper, or java -Xmx1g -jar)", overHeap.problems().get(overHeap.problems().size() - 1));
  }

  @Test
  void anAttributeIsReadWhateverTheCaseOfItsNameAndOfAbs() {
    JsonObject json = new JsonObject("""
        {"jobs": [{"name": "a", "urls": ["http://127.0.0.1:8080/"], "output": {"path": "a"},
                   "extract": {"image": {"css": "img", "attr": "ABS:SRC"}, "alt": {"css": "img", "attr": "Alt"}}}]}
        """);
    ScraperConfig config = ConfigReader.read(json, workDir, 512L << 20);
    assertEquals("abs:src", config.jobs().get(0).extract().get("image").attr());
    assertEquals("alt", config.jobs().get(0).extract().get("alt").attr());
  }

  /** Rows of expected-messages.csv: file name, then everything after the first comma. */
  static Stream<Arguments> invalidConfigs() throws IOException, URISyntaxException {
    List<String> lines = Files.readAllLines(resource(INVALID + "expected-messages.csv"), StandardCharsets.UTF_8);
    return lines.stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.equals("file,problems"))
        .map(line -> {
          int comma = line.indexOf(',');
          return Arguments.of(line.substring(0, comma), line.substring(comma + 1));
        });
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(Objects.requireNonNull(ConfigReaderTest.class.getResource(name), name).toURI());
  }

  private void writeUrlsFile() {
    try {
      Files.writeString(workDir.resolve("urls.txt"), "http://127.0.0.1:8080/\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
