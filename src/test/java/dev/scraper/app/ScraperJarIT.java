package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.scraper.testing.TestSite;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shaded jar ({@code -Dscraper.jar}, set by failsafe) as a separate process, the way users do, against a
 * {@link TestSite} served from this JVM, and checks the user contract of SPEC.md: exit codes, records, terminal.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScraperJarIT {
  /** Longest one scraper process may run before it is destroyed and the test fails. */
  private static final long PROCESS_TIMEOUT_S = 30;
  private static final List<String> RECORD_FIELDS = List.of("job", "run", "url", "finalUrl", "status", "latencyMs",
      "bytes", "contentType", "fetchedAt", "attempts", "depth", "referrer", "changed", "fields", "error",
      "location", "redirects", "timings");
  // "speed-up" only where it means something (see TerminalReporterTest)
  private static final List<String> SUMMARY_WORDS = List.of("URLs", "ok", "errors", "elapsed", "latency", "bytes");

  private static Vertx vertx;
  private static TestSite site;
  private static Path jar;

  @TempDir
  Path dir;

  @BeforeAll
  static void startSite() throws Exception {
    String jarProperty = System.getProperty("scraper.jar");
    assertNotNull(jarProperty, "system property scraper.jar (set by failsafe) is missing");
    jar = Path.of(jarProperty).toAbsolutePath();
    assertTrue(Files.isRegularFile(jar), "no jar at " + jar + "; run mvn verify");
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

  // ---------------------------------------------------------------------------------------------------- cases

  @Test
  void goodRunExitsZeroWritesOneRecordPerUrlAndPlainTerminalOutput() throws Exception {
    List<String> urls = List.of(site.url("/page/1.html"), site.url("/page/2.html"), site.url("/page/3.html"));
    Path conf = writeConf(job("good", urls));

    Run run = scraper(List.of(), "-conf", conf.toString());

    assertEquals(0, run.exit, run.describe());
    List<JsonObject> records = records("good");
    assertEquals(urls.size(), records.size(), run.describe());
    Map<String, JsonObject> byUrl = byUrl(records);
    assertEquals(Set.copyOf(urls), byUrl.keySet());
    String runId = records.get(0).getString("run");
    for (int n = 1; n <= 3; n++) {
      String url = site.url("/page/" + n + ".html");
      JsonObject r = byUrl.get(url);
      for (String field : RECORD_FIELDS) {
        assertTrue(r.containsKey(field), "no field '" + field + "' in " + r.encode());
      }
      assertEquals("good", r.getString("job"));
      assertEquals(runId, r.getString("run"), "one run id for the whole run");
      assertEquals(url, r.getString("finalUrl"));
      assertEquals(200, r.getInteger("status"));
      assertTrue(r.getLong("latencyMs") >= 0, r.encode());
      assertTrue(r.getLong("bytes") > 0, r.encode());
      assertTrue(r.getString("contentType").startsWith("text/html"), r.encode());
      assertTrue(r.getString("fetchedAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"),
          r.encode());
      assertEquals(1, r.getInteger("attempts"));
      assertEquals(0, r.getInteger("depth"));
      assertNull(r.getValue("referrer"));
      assertEquals(true, r.getBoolean("changed"));
      assertNull(r.getValue("error"));
      JsonObject fields = r.getJsonObject("fields");
      assertEquals("Page " + n, fields.getString("title"), r.encode());
      assertEquals("$" + n + ".99", fields.getString("price"), r.encode());
      assertEquals(site.url("/page/img/" + n + ".png"), fields.getString("image"), r.encode());
      assertTrue(fields.containsKey("missing") && fields.getValue("missing") == null,
          "a missing match is null: " + r.encode());
    }

    String out = run.stdout;
    for (String url : urls) {
      assertTrue(out.lines().anyMatch(l -> l.contains(url) && l.contains("200")), "no line for " + url + "\n" + out);
    }
    assertSummary(out);
    assertFalse(out.contains("\u001b"), "ANSI escape on a non-terminal stdout:\n" + out);
    assertFalse(run.stderr.contains("\u001b"), "ANSI escape on stderr:\n" + run.stderr);
    assertFalse(run.stderr.contains("SLF4J"), "a logging binding is in the jar:\n" + run.stderr);
  }

  @Test
  void someUrlsFailExitsOneWithAnErrorRecordPerFailedUrl() throws Exception {
    String ok = site.url("/page/5.html");
    String notFound = site.url("/status/404");
    String refused = "http://127.0.0.1:1/x";
    Path conf = writeConf(job("mixed", List.of(ok, notFound, refused)));

    Run run = scraper(List.of(), "-conf", conf.toString());

    assertEquals(1, run.exit, run.describe());
    List<JsonObject> records = records("mixed");
    assertEquals(3, records.size(), run.describe());
    Map<String, JsonObject> byUrl = byUrl(records);
    assertEquals(Set.of(ok, notFound, refused), byUrl.keySet());

    assertNull(byUrl.get(ok).getValue("error"), byUrl.get(ok).encode());

    JsonObject r404 = byUrl.get(notFound);
    assertEquals(404, r404.getInteger("status"), r404.encode());
    assertEquals("http-status", r404.getJsonObject("error").getString("type"), r404.encode());
    assertEquals(new JsonObject(), r404.getJsonObject("fields"), r404.encode());

    JsonObject rConnect = byUrl.get(refused);
    assertNull(rConnect.getValue("status"), rConnect.encode());
    assertEquals("connect", rConnect.getJsonObject("error").getString("type"), rConnect.encode());
    assertEquals(new JsonObject(), rConnect.getJsonObject("fields"), rConnect.encode());

    assertSummary(run.stdout);
    assertTrue(run.stdout.contains("http-status"), run.stdout);
    assertTrue(run.stdout.contains("connect"), run.stdout);
  }

  @Test
  void invalidConfigExitsTwoNamesEveryProblemAndFetchesNothing() throws Exception {
    // A site of its own, so that no other test's request (robots.txt included) is counted.
    TestSite fresh = await(TestSite.start(vertx));
    try {
      invalidConfig(fresh);
    } finally {
      await(fresh.close());
    }
  }

  private void invalidConfig(TestSite fresh) throws Exception {
    String path = "/page/1.html";
    JsonObject job = job("bad", List.of(fresh.url(path)));
    job.put("concurency", 4);
    job.getJsonObject("extract").put("broken", "div[");
    Path conf = writeConf(job);

    Run run = scraper(List.of(), "-conf", conf.toString());

    assertEquals(2, run.exit, run.describe());
    assertTrue(run.stderr.contains(
        "jobs[0].concurency: unknown key 'concurency'; did you mean 'concurrency'?"), run.describe());
    assertTrue(run.stderr.contains("jobs[0].extract.broken: invalid CSS selector 'div['"), run.describe());
    assertTrue(run.stderr.contains("2 problems"), run.describe());
    assertEquals(0, fresh.hits(path), "the site was asked for " + path + " although the config is invalid");
    assertEquals(0, fresh.hits("/robots.txt"), "robots.txt was fetched although the config is invalid");
    assertFalse(Files.exists(dir.resolve("out/bad.jsonl")), "an output file was created");
    assertFalse(Files.exists(dir.resolve("out")), "the output directory was created");
  }

  @Test
  void missingConfExitsTwoWithConfMessage() throws Exception {
    Run run = scraper(List.of());
    assertEquals(2, run.exit, run.describe());
    assertConfProblem(run, "missing");
  }

  @Test
  void confNamingMissingFileExitsTwoWithConfMessage() throws Exception {
    Run run = scraper(List.of(), "-conf", "no-such-conf.json");
    assertEquals(2, run.exit, run.describe());
    assertConfProblem(run, "'no-such-conf.json'");
    assertConfProblem(run, "no such file");
  }

  @Test
  void confWithInvalidJsonExitsTwoWithConfMessage() throws Exception {
    Path conf = dir.resolve("broken.json");
    Files.writeString(conf, "{\"jobs\": [ {\"name\": \"x\", }", StandardCharsets.UTF_8);
    Run run = scraper(List.of(), "-conf", "broken.json");
    assertEquals(2, run.exit, run.describe());
    assertConfProblem(run, "is not valid JSON");
  }

  @Test
  void moreThanOneInstanceIsRefusedBeforeAnyFetch() throws Exception {
    int before = site.hits("/page/9.html");
    JsonObject conf = root(job("twice", List.of(site.url("/page/9.html"))));

    Run run = scraper(List.of(), "-conf", conf.encode(), "-instances", "2");

    assertEquals(2, run.exit, run.describe());
    assertTrue(run.stderr.contains("-instances is not supported"), run.describe());
    assertEquals(before, site.hits("/page/9.html"), "nothing was fetched");
  }

  @Test
  void sigtermCancelsWhatIsLeftAndKeepsEveryRecordSoFar() throws Exception {
    List<String> urls = new ArrayList<>();
    urls.add(site.url("/page/3.html"));
    for (int i = 0; i < 30; i++) {
      urls.add(site.url("/slow?ms=20000&i=" + i));
    }
    JsonObject job = job("stopped", urls).put("concurrency", 5).put("timeoutMs", 60000).put("robotsTxt", false);
    Path conf = writeConf(job);
    int before = site.hits("/slow");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString(), "-conf", conf.toString())
        .directory(dir.toFile())
        .redirectOutput(dir.resolve("stop.out").toFile())
        .redirectError(dir.resolve("stop.err").toFile());
    Process process = builder.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      Path out = dir.resolve("out/stopped.jsonl");
      while ((site.hits("/slow") < before + 4 || !hasRecordOf(out, "Page 3")) && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // poll server and file, with a deadline
      }
      assertTrue(site.hits("/slow") >= before + 4 && hasRecordOf(out, "Page 3"),
          "the fast page was not written or the slow requests never started");
      process.destroy(); // SIGTERM
      assertTrue(process.waitFor(15, TimeUnit.SECONDS), "the run did not stop within 15 s of SIGTERM");
    } finally {
      process.destroyForcibly();
    }
    String stdout = Files.readString(dir.resolve("stop.out"));
    List<JsonObject> records = records("stopped");
    assertEquals(31, records.size(), "every URL read has its record: " + stdout);
    Map<String, JsonObject> byUrl = byUrl(records);
    assertEquals(null, byUrl.get(site.url("/page/3.html")).getJsonObject("error"));
    for (int i = 0; i < 30; i++) {
      assertEquals("cancelled", byUrl.get(site.url("/slow?ms=20000&i=" + i)).getJsonObject("error").getString("type"));
    }
    assertTrue(stdout.contains("(run stopped)"), stdout);
  }

  @Test
  void inlineJsonConfRuns() throws Exception {
    JsonObject conf = root(job("inline", List.of(site.url("/page/7.html"), site.url("/page/8.html"))));

    Run run = scraper(List.of(), "-conf", conf.encode());

    assertEquals(0, run.exit, run.describe());
    List<JsonObject> records = records("inline");
    assertEquals(2, records.size(), run.describe());
    assertEquals(Set.of(site.url("/page/7.html"), site.url("/page/8.html")), byUrl(records).keySet());
    assertEquals("Page 7", byUrl(records).get(site.url("/page/7.html")).getJsonObject("fields").getString("title"));
  }

  @Test
  void aFullDiskExitsThreeWithOneMessageAndCountsOnlyWhatWasWritten() throws Exception {
    // /dev/full accepts open(2) but every write fails with ENOSPC, root or not; the link keeps the lock file
    // beside it, in the test's directory.
    assertTrue(Files.exists(Path.of("/dev/full")), "this test needs /dev/full");
    Path out = dir.resolve("out/full.jsonl");
    Files.createDirectories(out.getParent());
    Files.createSymbolicLink(out, Path.of("/dev/full"));
    // The slow page ends the run after the first batch (written 200 ms after the fast pages) failed: the run's
    // last steps then meet a sink that has failed and closed, where an exception used to escape.
    Path conf = writeConf(job("full", List.of(site.url("/page/11.html"), site.url("/page/12.html"),
        site.url("/slow?ms=800&full"))));

    Run run = scraper(List.of(), "-conf", conf.toString());

    assertEquals(3, run.exit, run.describe());
    assertEquals(List.of("scraper: cannot write output '" + out + "': No space left on device"),
        nonBlankLines(run.stderr), run.describe());
    assertNoStackTrace(run);
    assertSummary(run.stdout);
    assertTrue(run.stdout.lines().anyMatch(l -> l.equals("written   0 of 3 records")),
        "the summary does not say that no record reached the file; " + run.describe());
  }

  @Test
  void aSecondRunOnALockedOutputExitsThreeBeforeAnyRequest() throws Exception {
    // A site of its own, so that no other test's request (robots.txt included) is counted.
    TestSite fresh = await(TestSite.start(vertx));
    try {
      lockedOutput(fresh);
    } finally {
      await(fresh.close());
    }
  }

  private void lockedOutput(TestSite fresh) throws Exception {
    String page = "/page/31.html";
    Path out = dir.resolve("out/locked.jsonl");
    Files.createDirectories(out.getParent());
    String earlier = "{\"from\":\"the run that holds the lock\"}\n";
    Files.writeString(out, earlier, StandardCharsets.UTF_8);
    Path conf = writeConf(job("locked", List.of(fresh.url(page))));
    // This JVM plays the first run: it holds the OS lock on the lock file and wrote its holder line there.
    String holder = "pid " + ProcessHandle.current().pid() + " on host test-host since 2026-11-30T15:00:00Z";
    try (FileChannel channel = FileChannel.open(dir.resolve("out/locked.jsonl.lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
      assertNotNull(lock, "the test could not take the lock itself");
      channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)));

      Run run = scraper(List.of(), "-conf", conf.toString());

      assertEquals(3, run.exit, run.describe());
      assertEquals(List.of("scraper: output '" + out + "' is locked by another run (" + holder
          + "); wait for it to end or give this job another output.path"), nonBlankLines(run.stderr), run.describe());
      assertNoStackTrace(run);
      assertEquals(0, fresh.hits(page), "the page was fetched although the output is locked");
      assertEquals(0, fresh.hits("/robots.txt"), "robots.txt was fetched although the output is locked");
      assertEquals(earlier, Files.readString(out, StandardCharsets.UTF_8), "the locked output was changed");
      assertFalse(run.stdout.lines().anyMatch(l -> l.startsWith("URLs")), "a summary for a run that did not start: "
          + run.describe());
    }
  }

  @Test
  void quietPrintsOnlyTheSummary() throws Exception {
    List<String> urls = List.of(site.url("/page/21.html"), site.url("/page/22.html"));
    Path conf = writeConf(job("quiet", urls));

    Run run = scraper(List.of("-Dscraper.quiet=true"), "-conf", conf.toString());

    assertEquals(0, run.exit, run.describe());
    assertEquals(2, records("quiet").size(), run.describe());
    assertSummary(run.stdout);
    for (String url : urls) {
      assertFalse(run.stdout.contains(url), "per-URL line for " + url + " although quiet:\n" + run.stdout);
    }
    assertFalse(run.stdout.lines().anyMatch(l -> l.startsWith("OK ") || l.startsWith("ERR ")),
        "per-URL lines although quiet:\n" + run.stdout);
  }

  @Test
  void jarManifestNamesLauncherAndMainVerticle() throws Exception {
    String mainClass;
    try (JarFile jarFile = new JarFile(jar.toFile())) {
      Manifest manifest = jarFile.getManifest();
      assertNotNull(manifest, "no manifest in " + jar);
      Attributes main = manifest.getMainAttributes();
      mainClass = main.getValue("Main-Class");
      assertEquals("dev.scraper.app.ScraperApp", mainClass);
      assertEquals("dev.scraper.app.MainVerticle", main.getValue("Main-Verticle"));
      assertNotNull(jarFile.getEntry("dev/scraper/app/ScraperApp.class"));
      assertNotNull(jarFile.getEntry("dev/scraper/app/MainVerticle.class"));
    }
    // Loaded from the jar alone (not this test's class path), without initialising it.
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      Class<?> app = Class.forName(mainClass, false, loader);
      Class<?> launcher = Class.forName("io.vertx.launcher.application.VertxApplication", false, loader);
      assertTrue(launcher.isAssignableFrom(app), mainClass + " does not extend VertxApplication");
      assertEquals(launcher, app.getSuperclass());
      Class<?> verticle = Class.forName("dev.scraper.app.MainVerticle", false, loader);
      Class<?> deployable = Class.forName("io.vertx.core.Deployable", false, loader);
      assertTrue(deployable.isAssignableFrom(verticle), "MainVerticle is not a Deployable");
    }
  }

  @Test
  void urlsFileOfThreeHundredLinesSkipsBlanksCommentsAndDuplicatesAndFlagsInvalidUrls() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int n = 1; n <= 298; n++) {
      lines.add(site.url("/page/" + (1000 + n) + ".html"));
    }
    String duplicate = lines.get(41);
    String ftp = "ftp://x/y";
    lines.add(10, "");
    lines.add(50, "# a comment");
    lines.add(120, "   ");
    lines.add(200, "  # another comment");
    lines.add(250, duplicate);
    lines.add(270, ftp);
    assertEquals(304, lines.size());
    Path urlsFile = dir.resolve("urls.txt");
    Files.writeString(urlsFile, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    JsonObject job = job("many", List.of());
    job.remove("urls");
    job.put("urlsFile", "urls.txt");
    Path conf = writeConf(job);

    Run run = scraper(List.of(), "-conf", conf.toString());

    assertEquals(1, run.exit, run.describe());
    List<JsonObject> records = records("many");
    assertEquals(299, records.size(), run.describe());
    Map<String, JsonObject> byUrl = byUrl(records); // fails on a repeated url
    assertEquals(299, byUrl.size());
    JsonObject bad = byUrl.get(ftp);
    assertNotNull(bad, "no record for " + ftp);
    assertEquals("invalid-url", bad.getJsonObject("error").getString("type"), bad.encode());
    assertNull(bad.getValue("status"), bad.encode());
    assertEquals(0, bad.getInteger("attempts"), bad.encode());
    long failed = records.stream().filter(r -> r.getValue("error") != null).count();
    assertEquals(1, failed, "only the ftp line fails: " + records.stream().filter(r -> r.getValue("error") != null)
        .map(JsonObject::encode).collect(Collectors.joining("\n")));
    assertEquals(1, site.hits(duplicate.substring(duplicate.indexOf("/page/"))), "the duplicate was fetched twice");
    assertTrue(run.stdout.contains("1 duplicate"), run.stdout);
  }

  // ---------------------------------------------------------------------------------------------------- helpers

  /** A job with the fields every test extracts from {@code /page/N.html}. */
  private static JsonObject job(String name, List<String> urls) {
    return new JsonObject()
        .put("name", name)
        .put("urls", new JsonArray(new ArrayList<>(urls)))
        .put("extract", new JsonObject()
            .put("title", "h1")
            .put("price", new JsonObject().put("css", ".price"))
            .put("image", new JsonObject().put("css", "img").put("attr", "abs:src"))
            .put("missing", "div.nothing-here"))
        .put("output", new JsonObject().put("path", "out/" + name + ".jsonl"));
  }

  private static JsonObject root(JsonObject job) {
    return new JsonObject().put("jobs", new JsonArray().add(job));
  }

  private static boolean hasRecordOf(Path file, String text) throws IOException {
    return Files.exists(file) && Files.readString(file).contains(text);
  }

  private Path writeConf(JsonObject jobOrRoot) throws IOException {
    JsonObject conf = jobOrRoot.containsKey("jobs") ? jobOrRoot : root(jobOrRoot);
    Path file = dir.resolve("conf.json");
    Files.writeString(file, conf.encodePrettily(), StandardCharsets.UTF_8);
    return file;
  }

  private List<JsonObject> records(String job) throws IOException {
    Path file = dir.resolve("out/" + job + ".jsonl");
    assertTrue(Files.isRegularFile(file), "no output file " + file);
    List<JsonObject> records = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      assertFalse(line.isBlank(), "blank line in " + file);
      records.add(new JsonObject(line));
    }
    return records;
  }

  private static Map<String, JsonObject> byUrl(List<JsonObject> records) {
    Map<String, JsonObject> byUrl = new HashMap<>();
    for (JsonObject r : records) {
      JsonObject before = byUrl.put(r.getString("url"), r);
      assertNull(before, "two records for " + r.getString("url"));
    }
    return byUrl;
  }

  private static void assertSummary(String stdout) {
    Set<String> starts = new HashSet<>();
    stdout.lines().forEach(l -> starts.add(l.split("\\s+", 2)[0]));
    for (String word : SUMMARY_WORDS) {
      assertTrue(starts.contains(word), "no summary line '" + word + "' in stdout:\n" + stdout);
    }
  }

  private static List<String> nonBlankLines(String text) {
    return text.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
  }

  private static void assertNoStackTrace(Run run) {
    for (String text : List.of(run.stdout, run.stderr)) {
      assertFalse(text.contains("Exception") || text.contains("\tat ") || text.contains("at io."),
          "a stack trace or exception name; " + run.describe());
    }
  }

  private static void assertConfProblem(Run run, String text) {
    assertTrue(run.stderr.lines().map(String::strip).anyMatch(l -> l.startsWith("-conf:") && l.contains(text)),
        "no line '-conf: ...' with '" + text + "' on stderr; " + run.describe());
  }

  private record Run(int exit, String stdout, String stderr) {
    String describe() {
      return "exit " + exit + "\n--- stdout:\n" + stdout + "\n--- stderr:\n" + stderr;
    }
  }

  /** Runs {@code java <jvmFlags> -jar scraper.jar <args>} in the test's directory; destroys it after the timeout. */
  private Run scraper(List<String> jvmFlags, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    Path stdout = Files.createTempFile(dir, "stdout", ".txt");
    Path stderr = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    builder.environment().remove("NO_COLOR");
    Process process = builder.start();
    try {
      if (!process.waitFor(PROCESS_TIMEOUT_S, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        fail("scraper did not exit within " + PROCESS_TIMEOUT_S + " s: " + command + "\n--- stdout:\n"
            + Files.readString(stdout) + "\n--- stderr:\n" + Files.readString(stderr));
      }
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
    return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
