package dev.scraper.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.cluster.NodeRegistry;
import dev.scraper.config.ConfigReader;
import dev.scraper.config.ScraperConfig;
import dev.scraper.engine.Engine;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process with the management API, in the test's JVM: an engine and the API started from a config, as the jar
 * does, on 127.0.0.1 and a free port; requests go through a real HTTP client. Blocking helpers for the test thread,
 * each with a deadline.
 */
final class ApiHarness implements AutoCloseable {
  private static final Pattern PORT = Pattern.compile("management API on http://127\\.0\\.0\\.1:(\\d+)");
  final Vertx vertx;
  final WebClient client;
  final List<String> lines = new CopyOnWriteArrayList<>();
  final int port;
  private final String token;
  private Engine engine;
  private Supplier<Future<Void>> stopper;

  private ApiHarness(Vertx vertx, int port, String token) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx);
    this.port = port;
    this.token = token;
  }

  /** Stops the API as the process's shutdown does: no more slots, runs ended, outputs and state closed. */
  void stop() throws Exception {
    Promise<Void> stopped = Promise.promise();
    engine.engineContext().runOnContext(v -> stopper.get().onComplete(stopped));
    await(stopped.future());
    client.close();
  }

  /** Starts an engine and the API of {@code config} (its "http" given port 0 and this token, or none). */
  static ApiHarness start(Vertx vertx, JsonObject config, Path dir, String token) throws Exception {
    return start(vertx, config, dir, token, null);
  }

  /** As above, the node registered in {@code nodes} (null: the API registers it itself, as a node of its own). */
  static ApiHarness start(Vertx vertx, JsonObject config, Path dir, String token, NodeRegistry nodes)
      throws Exception {
    config.put("http", new JsonObject().put("port", 0).put("token", token));
    ScraperConfig read = ConfigReader.read(config, dir);
    Engine engine = new Engine(read.memoryBudgetBytes());
    List<String> lines = new CopyOnWriteArrayList<>();
    Promise<Supplier<Future<Void>>> started = Promise.promise();
    vertx.deployVerticle(engine).onSuccess(id -> engine.engineContext().runOnContext(v ->
        (nodes == null ? Api.start(vertx, engine, read, lines::add) : Api.start(vertx, engine, read, lines::add, nodes))
            .onComplete(started))).onFailure(started::fail);
    Supplier<Future<Void>> stopper = await(started.future());
    int port = lines.stream().map(PORT::matcher).filter(Matcher::find).map(m -> Integer.parseInt(m.group(1)))
        .findFirst().orElseThrow(() -> new AssertionError("no port in " + lines));
    ApiHarness h = new ApiHarness(vertx, port, token);
    h.engine = engine;
    h.stopper = stopper;
    h.lines.addAll(lines);
    return h;
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  HttpRequest<Buffer> request(HttpMethod method, String path) {
    HttpRequest<Buffer> r = client.request(method, port, "127.0.0.1", path);
    if (token != null) {
      r.bearerTokenAuthentication(token);
    }
    return r;
  }

  HttpResponse<Buffer> call(HttpMethod method, String path) throws Exception {
    return await(request(method, path).send());
  }

  HttpResponse<Buffer> post(String path, JsonObject body) throws Exception {
    return await(request(HttpMethod.POST, path).sendJsonObject(body));
  }

  JsonObject json(HttpMethod method, String path, int status) throws Exception {
    HttpResponse<Buffer> r = call(method, path);
    assertTrue(r.statusCode() == status, method + " " + path + ": " + r.statusCode() + " " + r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  /** Polls until the condition holds, at most 20 s. */
  static void until(String what, Supplier<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(5); // a poll interval, not a wait for an outcome
    }
  }

  /** Polls the run until it has ended; returns its summary. */
  JsonObject ended(String runId) throws Exception {
    JsonObject[] last = new JsonObject[1];
    until("the end of run " + runId, () -> {
      try {
        last[0] = json(HttpMethod.GET, "/runs/" + runId, 200);
        return !"running".equals(last[0].getString("state"));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    return last[0];
  }

  @Override
  public void close() {
    client.close();
  }
}
