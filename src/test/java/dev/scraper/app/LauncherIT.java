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

    Run first = run(jar, "", "-conf", conf);
    assertEquals(0, first.exit, first.describe());
    assertEquals(2, Files.readAllLines(dir.resolve("out/launch.jsonl")).size());
    assertTrue(first.stdout.contains("URLs      2"), first.describe());
    assertFalse(first.stdout.contains("cds"), "the archive's logging stays out of the output: " + first.describe());
    List<Path> archives = archives();
    assertEquals(1, archives.size(), "one class-data archive after the first run: " + archives);

    Path classLog = dir.resolve("classes.txt");
    Run second = run(jar, "-Dscraper.quiet=true -Xlog:class+load:file=" + classLog, "-conf", conf);
    assertEquals(0, second.exit, second.describe());
    assertFalse(second.stdout.contains("OK  200"), "JAVA_OPTS reach the JVM (quiet): " + second.describe());
    assertTrue(Files.readString(classLog).contains("shared objects file (top)"),
        "the second run loads classes from the archive");
    assertEquals(archives, archives(), "the archive is reused, not rewritten");
  }

  @Test
  void aMissingJarIsExplainedWithTheBuildCommand() throws Exception {
    Run run = run(dir.resolve("nothing-here.jar"), "", "-conf", "{}");
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

  private Run run(Path jar, String javaOpts, String... args) throws Exception {
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
    env.put("JAVA_HOME", System.getProperty("java.home"));
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
