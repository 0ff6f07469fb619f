package dev.scraper.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.HttpProxy;
import dev.scraper.testing.TestCerts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PfxOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole runs over https through a proxy: {@code tls.insecure} is announced on the terminal once per run (and only
 * for the job that sets it), every request goes through the job's proxy, and the proxy's password appears neither
 * on the terminal nor in the records, even when the proxy refuses it.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class TlsProxyRunTest {
  private static final String SECRET = "s3cret-pw";

  @TempDir
  Path dir;

  private static Future<Integer> httpsSite(Vertx vertx) {
    HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
        .setKeyCertOptions(new PfxOptions().setPath(TestCerts.get().selfSigned().toString())
            .setPassword(TestCerts.PASSWORD));
    HttpServer server = vertx.createHttpServer(options).requestHandler(req -> req.response()
        .putHeader("Content-Type", "text/html").end("<html><head><title>t</title></head><h1>" + req.path()
            + "</h1></html>"));
    return server.listen().map(HttpServer::actualPort);
  }

  private static JsonObject job(String name, int site, int proxyPort, String password) {
    JsonArray urls = new JsonArray();
    for (int i = 1; i <= 3; i++) {
      urls.add("https://127.0.0.1:" + site + "/p/" + i + ".html");
    }
    return new JsonObject().put("name", name).put("urls", urls).put("robotsTxt", false).put("retries", 0)
        .put("proxy", "http://bob:" + password + "@127.0.0.1:" + proxyPort)
        .put("extract", new JsonObject().put("title", "h1"))
        .put("output", new JsonObject().put("path", name + ".jsonl"));
  }

  @Test
  void insecureIsAnnouncedOncePerRunAndTheProxyPasswordNeverShows(Vertx vertx, VertxTestContext ctx) {
    Future.all(httpsSite(vertx), HttpProxy.start(vertx, "bob", SECRET)).compose(started -> {
      int site = started.resultAt(0);
      HttpProxy proxy = started.resultAt(1);
      JsonObject conf = new JsonObject().put("jobs", new JsonArray()
          .add(job("open", site, proxy.port(), SECRET).put("tls", new JsonObject().put("insecure", true)))
          .add(job("denied", site, proxy.port(), "wrong-" + SECRET).put("tls", new JsonObject().put("insecure",
              true)))
          .add(job("strict", site, proxy.port(), SECRET)));
      return EngineRun.run(vertx, conf, dir).map(run -> {
        ctx.verify(() -> {
          String warning = "scraper: job open: tls.insecure is on: certificates are not checked";
          assertEquals(1, run.terminal.split(java.util.regex.Pattern.quote(warning), -1).length - 1, run.terminal);
          assertTrue(run.terminal.contains("scraper: job denied: tls.insecure is on"), run.terminal);
          assertFalse(run.terminal.contains("job strict: tls.insecure"), run.terminal);
          for (JsonObject r : run.records(0)) {
            assertNull(r.getJsonObject("error"), r.encode());
          }
          for (JsonObject r : run.records(1)) {
            assertEquals("connect", r.getJsonObject("error").getString("type"), r.encode());
          }
          for (JsonObject r : run.records(2)) {
            assertEquals("tls", r.getJsonObject("error").getString("type"), r.encode());
            assertTrue(r.getJsonObject("error").getString("message").contains("self-signed"), r.encode());
          }
          assertEquals(9, proxy.seen.size(), "every request went through the proxy: " + proxy.seen);
          assertTrue(proxy.seen.stream().allMatch(s -> s.equals("CONNECT 127.0.0.1:" + site)), proxy.seen::toString);
          assertEquals(3, proxy.refused.size());
          assertFalse(run.terminal.contains(SECRET), run.terminal);
          for (String file : List.of("open.jsonl", "denied.jsonl", "strict.jsonl")) {
            String records = read(dir.resolve(file));
            assertFalse(records.contains(SECRET), records);
          }
        });
        return run;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
