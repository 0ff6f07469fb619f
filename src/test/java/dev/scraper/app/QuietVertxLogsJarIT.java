package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.hostile.HostileRoutes;
import dev.scraper.testing.hostile.HostileServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar against the hostile server's quick failures (a reset body, a bad status line, a bad chunk, an SSH
 * banner, a connection closed unanswered, a head too large, a declared body over the cap): each URL gets its error
 * record and stderr stays free of Vert.x's SEVERE lines, which {@code -Dscraper.debug=true} brings back.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QuietVertxLogsJarIT {
  private static final List<String> PATHS = List.of("/reset-mid-body", "/bad-status", "/bad-chunking",
      "/ssh-banner", "/close-no-answer", "/huge-header", "/huge-declared", "/ok");
  private static Vertx vertx;
  private static HostileServer server;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server = HostileServer.start(vertx).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void handledFailuresPrintNoVertxLinesUnlessDebugging() throws Exception {
    String quiet = scrape("quiet");
    assertFalse(quiet.contains("SEVERE") || quiet.contains("WARNING"), "Vert.x logged:\n" + quiet);
    assertFalse(quiet.contains("\tat io.vertx") || quiet.contains("\tat io.netty"), "a stack trace:\n" + quiet);

    String debug = scrape("debug", "-Dscraper.debug=true");
    assertTrue(debug.contains("SEVERE: Connection reset"), "-Dscraper.debug=true hides Vert.x's lines:\n" + debug);
  }

  /** Runs the jar on {@link #PATHS} as job {@code name}, checks each record's error type; returns stderr. */
  private String scrape(String name, String... jvmFlags) throws Exception {
    JsonArray urls = new JsonArray();
    PATHS.forEach(p -> urls.add(server.url(p)));
    JsonObject job = new JsonObject().put("name", name).put("urls", urls).put("robotsTxt", false)
        .put("retries", 0).put("timeoutMs", 5000).put("maxBodyBytes", 1 << 20)
        .put("output", new JsonObject().put("path", name + ".jsonl"));
    Path conf = dir.resolve(name + ".json");
    Files.writeString(conf, new JsonObject().put("jobs", new JsonArray().add(job)).encode());
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of(jvmFlags));
    String jar = System.getProperty("scraper.jar");
    assertNotNull(jar, "system property scraper.jar (set by failsafe) is missing");
    command.addAll(List.of("-jar", Path.of(jar).toAbsolutePath().toString(), "-conf", conf.toString()));
    Path stderr = dir.resolve(name + ".err");
    Process process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(stderr.toFile()).start();
    try {
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the scraper did not exit within 30 s");
    } finally {
      process.destroyForcibly();
    }
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    assertEquals(1, process.exitValue(), err);
    List<String> lines = Files.readAllLines(dir.resolve(name + ".jsonl"), StandardCharsets.UTF_8);
    assertEquals(PATHS.size(), lines.size(), err);
    for (String line : lines) {
      JsonObject r = new JsonObject(line);
      String path = r.getString("url").substring(server.url("").length());
      JsonObject error = r.getJsonObject("error");
      assertEquals(HostileRoutes.EXPECTED_ERROR.get(path), error == null ? null : error.getString("type"), line);
    }
    return err;
  }
}
