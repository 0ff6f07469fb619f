package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.scraper.testing.TestSite;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recommended launcher, {@code scripts/scraper}, as users run it: it passes the arguments through, honours
 * JAVA_OPTS, writes a class-data archive on the first run after a build and uses it on the next.
 */
class LauncherIT {
  private static final long PROCESS_TIMEOUT_S = 60;
  private static Vertx vertx;
  private static TestSite site;
  private static Path launcher;
  private static Path builtJar;

  @TempDir
  Path dir;

  @BeforeAll
  static void startSite() throws Exception {
    builtJar = Path.of(System.getProperty("scraper.jar", "target/scraper.jar")).toAbsolutePath();
    launcher = Path.of("scripts", "scraper").toAbsolutePath();
    assertTrue(Files.isRegularFile(builtJar), "no jar at " + builtJar + "; run mvn verify");
    assertTrue(Files.isExecutable(launcher), launcher + " is not executable");
    vertx = Vertx.vertx();
    site = TestSite.start(vertx).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
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
  void passesArgumentsThroughAndReusesItsClassDataArchive() throws Exception {
    Path jar = Files.copy(builtJar, dir.resolve("scraper.jar")); // a private copy: the archive goes beside it
    String conf = new JsonObject().put("jobs", new JsonArray().add(new JsonObject()
        .put("name", "launch")
        .put("urls", new JsonArray().add(site.url("/page/1.html")).add(site.url("/page/2.html")))
        .put("extract", new JsonObject().put("title", "h1"))
        .put("output", new JsonObject().put("path", "out/launch.jsonl")))).encode();

    Run first = run(jar, "", System.getProperty("java.home"), "-conf", conf);
    assertEquals(0, first.exit, first.describe());
    assertEquals(2, Files.readAllLines(dir.resolve("out/launch.jsonl")).size());
    assertTrue(first.stdout.contains("URLs      2"), first.describe());
    assertFalse(first.stdout.contains("cds"), "the archive's logging stays out of the output: " + first.describe());
    List<Path> archives = archives();
    assertEquals(1, archives.size(), "one class-data archive after the first run: " + archives);

    Path classLog = dir.resolve("classes.txt");
    Run second = run(jar, "-Dscraper.quiet=true -Xlog:class+load:file=" + classLog, System.getProperty("java.home"),
        "-conf", conf);
    assertEquals(0, second.exit, second.describe());
    assertFalse(second.stdout.contains("OK  200"), "JAVA_OPTS reach the JVM (quiet): " + second.describe());
    assertTrue(Files.readString(classLog).contains("shared objects file (top)"),
        "the second run loads classes from the archive");
    assertEquals(archives, archives(), "the archive is reused, not rewritten");
  }

  /**
   * With a JDK 25 or newer installed (and no JAVA_HOME), the launcher uses it with an AOT cache: the first run records
   * what it loads, the second builds the cache in the background, the third starts from it. Stdout carries records
   * only throughout (no JVM message), and stderr nothing but the scraper's lines.
   */
  @Test
  void withAJdk25OrNewerTheAotCacheIsRecordedThenBuiltThenUsed() throws Exception {
    Path jdk = newestJdk25();
    Assumptions.assumeTrue(jdk != null, "no JDK 25+ in /usr/lib/jvm");
    Path jar = Files.copy(builtJar, dir.resolve("scraper.jar"));
    String url = site.url("/page/5.html");

    Run record = run(jar, "", null, url);
    assertEquals(0, record.exit, record.describe());
    assertOnlyRecords(record, url);
    assertEquals(1, files(".aot.conf.").size(), "the first run recorded its classes: " + files(""));

    Run build = run(jar, "", null, url);
    assertEquals(0, build.exit, build.describe());
    assertOnlyRecords(build, url);
    Path cache = dir.resolve("scraper-" + jdk.getFileName() + ".aot");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while ((!Files.exists(cache) || !files(".aot.lock").isEmpty()) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(Files.exists(cache), "the second run built the cache in the background: " + files(""));
    assertEquals(List.of(), files(".aot.conf."), "the recording is removed once the cache is built");

    Path classLog = dir.resolve("aot-classes.txt");
    Run cached = run(jar, "-Xlog:class+load:file=" + classLog, null, url);
    assertEquals(0, cached.exit, cached.describe());
    assertOnlyRecords(cached, url);
    assertTrue(Files.readString(classLog).contains("dev.scraper.app.ScraperApp source: shared objects file"),
        "the third run loads the scraper's classes from the cache");
  }

  private static void assertOnlyRecords(Run run, String url) {
    List<String> lines = run.stdout.lines().toList();
    assertEquals(1, lines.size(), "one record, nothing else on stdout: " + run.describe());
    assertEquals(url, new JsonObject(lines.get(0)).getString("url"));
    assertTrue(run.stderr.lines().allMatch(l -> l.startsWith("OK ") || l.startsWith("== ")
        || l.matches("(URLs|ok|changed|errors|elapsed|latency|bytes|speed-up|output) .*")),
        "only our lines: " + run.describe());
  }

  private List<Path> files(String part) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().contains(part)).sorted().toList();
    }
  }

  /** The newest JDK of version 25 or more under /usr/lib/jvm, as the launcher picks it; null when none. */
  private static Path newestJdk25() throws IOException {
    Path root = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(root)) {
      return null;
    }
    Path best = null;
    int bestVersion = 24;
    try (Stream<Path> homes = Files.list(root)) {
      for (Path home : homes.sorted().toList()) {
        Path release = home.resolve("release");
        if (!Files.isReadable(release) || !Files.isExecutable(home.resolve("bin/java"))) {
          continue;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("JAVA_VERSION=\"(\\d+)")
            .matcher(Files.readString(release));
        if (m.find() && Integer.parseInt(m.group(1)) > bestVersion) {
          bestVersion = Integer.parseInt(m.group(1));
          best = home;
        }
      }
    }
    return best;
  }

  @Test
  void aMissingJarIsExplainedWithTheBuildCommand() throws Exception {
    Run run = run(dir.resolve("nothing-here.jar"), "", System.getProperty("java.home"), "-conf", "{}");
    assertEquals(2, run.exit, run.describe());
    assertTrue(run.stderr.contains("mvn -B -DskipTests package"), run.describe());
  }

  private List<Path> archives() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jsa")).sorted().toList();
    }
  }

  private record Run(int exit, String stdout, String stderr) {
    String describe() {
      return "exit " + exit + "\n--- stdout:\n" + stdout + "\n--- stderr:\n" + stderr;
    }
  }

  /** Runs the launcher on {@code jar}; {@code javaHome} null: no JAVA_HOME, the launcher picks the JDK. */
  private Run run(Path jar, String javaOpts, String javaHome, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    Path stdout = Files.createTempFile(dir, "stdout", ".txt");
    Path stderr = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    Map<String, String> env = builder.environment();
    env.put("SCRAPER_JAR", jar.toString());
    if (javaHome == null) {
      env.remove("JAVA_HOME");
    } else {
      env.put("JAVA_HOME", javaHome);
    }
    env.put("JAVA_OPTS", javaOpts);
    Process process = builder.start();
    if (!process.waitFor(PROCESS_TIMEOUT_S, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      fail("scripts/scraper did not exit within " + PROCESS_TIMEOUT_S + " s");
    }
    return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
