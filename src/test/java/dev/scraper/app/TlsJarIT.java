package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.JarProcess;
import dev.scraper.testing.TestCerts;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PfxOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar over https, as users run it, against a server of this JVM on 127.0.0.1 with the tests' certificates:
 * with OpenSSL, and with the JDK's engine when OpenSSL cannot be loaded ({@code -Dio.netty.handler.ssl.noOpenSsl},
 * as on a platform whose library is not bundled); {@code tls.caFile} trusts the authority, {@code tls.insecure}
 * is announced once, and nothing is logged besides the records' lines.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsJarIT {
  private static Vertx vertx;
  private static int port;

  @TempDir
  Path dir;

  @BeforeAll
  static void startServer() throws Exception {
    vertx = Vertx.vertx();
    HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
        .setKeyCertOptions(new PfxOptions().setPath(TestCerts.get().good().toString())
            .setPassword(TestCerts.PASSWORD));
    HttpServer server = vertx.createHttpServer(options).requestHandler(req -> req.response()
        .putHeader("Content-Type", "text/html").end("<html><h1>" + req.path() + "</h1></html>"));
    port = server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).actualPort();
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private Path conf() throws Exception {
    Files.copy(TestCerts.get().caPem(), dir.resolve("ca.pem"));
    JsonArray urls = new JsonArray();
    for (int i = 1; i <= 3; i++) {
      urls.add("https://127.0.0.1:" + port + "/p/" + i + ".html");
    }
    JsonObject conf = new JsonObject().put("defaults", new JsonObject().put("robotsTxt", false))
        .put("jobs", new JsonArray()
            .add(new JsonObject().put("name", "trusted").put("urls", urls).put("tls",
                new JsonObject().put("caFile", "ca.pem")).put("extract", new JsonObject().put("h", "h1"))
                .put("output", new JsonObject().put("path", "trusted.jsonl")))
            .add(new JsonObject().put("name", "blind").put("urls", urls).put("tls",
                new JsonObject().put("insecure", true)).put("output", new JsonObject().put("path", "blind.jsonl")))
            .add(new JsonObject().put("name", "strict").put("urls", new JsonArray().add(urls.getValue(0)))
                .put("output", new JsonObject().put("path", "strict.jsonl"))));
    Path file = dir.resolve("conf.json");
    Files.writeString(file, conf.encodePrettily());
    return file;
  }

  private void runAndCheck(List<String> jvmFlags) throws Exception {
    Path conf = conf();
    try (JarProcess p = JarProcess.start(dir, jvmFlags, "-conf", conf.toString())) {
      assertEquals(1, p.waitFor(60), p.describe()); // the strict job's URL is an error
      String out = p.stdout();
      assertEquals(1, out.split("scraper: job blind: tls.insecure is on: certificates are not checked", -1).length
          - 1, p.describe());
      assertFalse(out.contains("job trusted: tls.insecure") || out.contains("job strict: tls.insecure"), out);
      assertFalse(p.stderr().contains("SEVERE") || p.stderr().contains("Exception"), p.describe());
      for (String job : List.of("trusted", "blind")) {
        List<String> lines = Files.readAllLines(dir.resolve(job + ".jsonl"), StandardCharsets.UTF_8);
        assertEquals(3, lines.size(), p.describe());
        for (String line : lines) {
          assertNull(new JsonObject(line).getValue("error"), line);
        }
      }
      JsonObject strict = new JsonObject(Files.readString(dir.resolve("strict.jsonl"), StandardCharsets.UTF_8));
      assertEquals("tls", strict.getJsonObject("error").getString("type"), strict.encode());
      assertTrue(strict.getJsonObject("error").getString("message").startsWith(
          "certificate not trusted: its issuer \"scraper test CA\" is not a known certificate authority"),
          strict.encode());
    }
  }

  @Test
  void httpsWithOpenSsl() throws Exception {
    runAndCheck(List.of());
  }

  @Test
  void httpsWithTheJdkEngineWhenOpenSslCannotLoad() throws Exception {
    runAndCheck(List.of("-Dio.netty.handler.ssl.noOpenSsl=true"));
  }
}
