package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.JarProcess;
import dev.scraper.testing.TestSite;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The jar's own command line: {@code --help} and {@code --version} describe this tool, a mistake prints one usage
 * line and exits 2, launcher options that make no sense here are refused before anything is fetched, those that do
 * still work, and {@code -Dscraper.*} work after the jar as well as before it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CliIT {
  private static final String ESC = "\u001b[";
  private static Vertx vertx;
  private static TestSite site;

  @TempDir
  Path dir;

  @BeforeAll
  static void startSite() throws Exception {
    vertx = Vertx.vertx();
    site = TestSite.start(vertx).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopSite() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  void helpDescribesThisToolAndExitsZero() throws Exception {
    for (String option : List.of("--help", "-h")) {
      JarProcess run = run(List.of(), option);
      assertEquals(0, run.waitFor(30), run.describe());
      String help = run.stdout();
      for (String part : List.of("Usage:", "scraper [options] URL...", "-conf conf.json", "--extract NAME=CSS",
          "--concurrency N", "--no-robots", "-o, --output FILE", "--version", "-Dscraper.quiet=true",
          "\"urlsFile\": \"-\"", "Exit codes:", "Examples:", "README.md")) {
        assertTrue(help.contains(part), "no '" + part + "' in --help:\n" + help);
      }
      assertFalse(help.contains("VertxApplication") || help.contains("main verticle fully qualified"),
          "not the launcher's generic usage:\n" + help);
      assertFalse(help.contains(ESC), "no colour codes into a pipe");
      assertEquals("", run.stderr());
    }
  }

  @Test
  void versionIsTheJarsImplementationVersion() throws Exception {
    String version;
    try (JarFile jar = new JarFile(JarProcess.jar().toFile())) {
      version = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
    }
    assertNotNull(version, "no Implementation-Version in the manifest");
    JarProcess run = run(List.of(), "--version");
    assertEquals(0, run.waitFor(30), run.describe());
    assertEquals("scraper " + version + "\n", run.stdout());
  }

  @Test
  void anUnknownOptionPrintsOneUsageLineAndTryHelpAndExitsTwo() throws Exception {
    JarProcess run = run(List.of("-Dscraper.color=always"), "--concurency", "4", site.url("/page/1.html"));
    assertEquals(2, run.waitFor(30), run.describe());
    List<String> lines = run.stderr().lines().toList();
    assertEquals(3, lines.size(), run.describe());
    assertEquals("scraper: unknown option '--concurency'; did you mean '--concurrency'?", lines.get(0));
    assertTrue(lines.get(1).startsWith("usage: scraper "), run.describe());
    assertEquals("try 'scraper --help' for the options", lines.get(2));
    assertFalse(run.stderr().contains(ESC), "no colour codes");
    assertEquals("", run.stdout());
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(List.of("-worker"), "-worker is not supported"),
        Arguments.of(List.of("-vt"), "-vt is not supported"),
        Arguments.of(List.of("--virtual-thread"), "--virtual-thread is not supported"),
        Arguments.of(List.of("-instances", "2"), "-instances is not supported"),
        Arguments.of(List.of("com.example.MyVerticle"), "unexpected argument 'com.example.MyVerticle'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void launcherOptionsThatMakeNoSenseHereAreRefusedBeforeAnyFetch(List<String> options, String message)
      throws Exception {
    TestSite fresh = TestSite.start(vertx).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    try {
      List<String> args = new ArrayList<>(List.of("-conf", conf(fresh.url("/page/2.html")).encode()));
      args.addAll(options);
      JarProcess run = run(List.of(), args.toArray(new String[0]));
      assertEquals(2, run.waitFor(30), run.describe());
      assertTrue(run.stderr().startsWith("scraper: " + message), run.describe());
      assertTrue(run.stderr().contains("nothing was fetched") || run.stderr().contains("unexpected argument"),
          run.describe());
      assertEquals(0, fresh.hits("/page/2.html") + fresh.hits("/robots.txt"), "nothing was fetched");
    } finally {
      fresh.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void launcherOptionsThatApplyStillGoThroughTheLauncher() throws Exception {
    JarProcess run = run(List.of(), "-options", "{\"eventLoopPoolSize\": 3}", "-conf",
        conf(site.url("/page/3.html")).encode());
    assertEquals(0, run.waitFor(30), run.describe());
    assertTrue(run.stdout().contains("URLs      1"), run.describe());
  }

  @Test
  void scraperPropertiesWorkAfterTheJarAsWellAsBeforeIt() throws Exception {
    String url = site.url("/page/4.html");
    for (boolean after : List.of(true, false)) {
      JarProcess quiet = after ? run(List.of(), "-Dscraper.quiet=true", "-o", "quiet.jsonl", url)
          : run(List.of("-Dscraper.quiet=true"), "-o", "quiet.jsonl", url);
      assertEquals(0, quiet.waitFor(30), quiet.describe());
      assertFalse(quiet.stdout().contains("OK  200"), "quiet: only the summary; " + quiet.describe());
      assertTrue(quiet.stdout().contains("URLs      1"), quiet.describe());

      JarProcess colour = after ? run(List.of(), url, "-o", "colour.jsonl", "-Dscraper.color=always")
          : run(List.of("-Dscraper.color=always"), url, "-o", "colour.jsonl");
      assertEquals(0, colour.waitFor(30), colour.describe());
      assertTrue(colour.stdout().contains(ESC + "32m"), "green 2xx when forced; " + colour.describe());

      JarProcess plain = after ? run(List.of(), url, "-o", "plain.jsonl", "-Dscraper.color=never")
          : run(List.of("-Dscraper.color=never"), url, "-o", "plain.jsonl");
      assertEquals(0, plain.waitFor(30), plain.describe());
      assertFalse(plain.stdout().contains(ESC), plain.describe());
    }
  }

  private JarProcess run(List<String> jvmFlags, String... args) throws Exception {
    return JarProcess.start(dir, jvmFlags, args);
  }

  private static JsonObject conf(String url) {
    return new JsonObject().put("jobs", new JsonArray().add(new JsonObject().put("name", "cli-it")
        .put("urls", new JsonArray().add(url)).put("output", new JsonObject().put("path", "out/cli-it.jsonl"))));
  }
}
