package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.cluster.ClusterNode;
import dev.scraper.cluster.NodeRegistry;
import dev.scraper.config.ConfigReader;
import dev.scraper.config.ConfigSource;
import dev.scraper.config.ScraperConfig;
import dev.scraper.engine.Engine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /reload in a process with the management API, wired as the jar wires it ({@link ApiMode}, {@link Reload}): the
 * config file is read again; an invalid one is refused with 400 naming the field and the running jobs are kept; a
 * valid one adds, changes and removes the file's jobs (never those added through the API) and names what needs a
 * restart; a file job under the name of an API job is refused with 409; the token is asked for.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReloadApiTest {
  private static final String TOKEN = "0123456789abcdef-reload-token";
  private static final Pattern PORT = Pattern.compile("management API on http://127\\.0\\.0\\.1:(\\d+)");
  @TempDir
  Path dir;
  private Vertx vertx;
  private WebClient client;
  private int port;
  private Path conf;
  private final List<String> said = new CopyOnWriteArrayList<>();

  private static JsonObject job(String name, String every) {
    return new JsonObject().put("name", name).put("urls", new JsonArray().add("http://127.0.0.1:9/" + name))
        .put("schedule", new JsonObject().put("every", every)).put("output", new JsonObject()
            .put("path", name + ".jsonl"));
  }

  private JsonObject config(JsonObject... jobs) {
    return new JsonObject().put("http", new JsonObject().put("port", 0).put("token", TOKEN))
        .put("jobs", new JsonArray(List.of((Object[]) jobs)));
  }

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
    conf = Files.writeString(dir.resolve("conf.json"), config(job("a", "1h"), job("b", "1h")).encodePrettily());
    JsonObject json = ConfigSource.load(conf.toString(), dir);
    ScraperConfig read = ConfigReader.read(json, dir);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    NodeRegistry nodes = NodeRegistry.join(vertx, ClusterNode.of(vertx), NodeRegistry.version()).toCompletionStage()
        .toCompletableFuture().get(20, TimeUnit.SECONDS);
    ApiMode api = new ApiMode(vertx, new Engine(read.memoryBudgetBytes()), new Streams(out, false, false, false),
        nodes);
    api.start(read, code -> said.add("exit " + code), new Reload(vertx, ConfigOrigin.of(conf.toString(), dir, json),
        said::add));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    Matcher m = PORT.matcher("");
    while (!(m = PORT.matcher(bytes.toString(StandardCharsets.UTF_8))).find()) {
      assertTrue(System.nanoTime() < deadline, "the API never started: " + bytes + said);
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
    }
    port = Integer.parseInt(m.group(1));
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private HttpResponse<Buffer> post(String path, JsonObject body, boolean token) throws Exception {
    var r = client.post(port, "127.0.0.1", path);
    if (token) {
      r.bearerTokenAuthentication(TOKEN);
    }
    return await(body == null ? r.send() : r.sendJsonObject(body));
  }

  private String jobs() throws Exception {
    JsonArray list = await(client.get(port, "127.0.0.1", "/jobs").bearerTokenAuthentication(TOKEN).send())
        .bodyAsJsonObject().getJsonArray("jobs");
    return list.stream().map(j -> ((JsonObject) j).getString("name") + "=" + ((JsonObject) j).getString("schedule"))
        .collect(Collectors.joining(","));
  }

  @Test
  void withoutTheTokenReloadIs401() throws Exception {
    assertEquals(401, post("/reload", null, false).statusCode());
  }

  @Test
  void anInvalidConfigIsRefusedWith400NamingTheFieldAndTheRunningJobsStay() throws Exception {
    Files.writeString(conf, config(job("a", "1h").put("concurency", 4)).encodePrettily());
    HttpResponse<Buffer> r = post("/reload", null, true);
    assertEquals(400, r.statusCode(), r.bodyAsString());
    assertEquals("jobs[0].concurency: unknown key 'concurency'; did you mean 'concurrency'?",
        r.bodyAsJsonObject().getJsonArray("problems").getString(0));
    assertTrue(r.bodyAsJsonObject().getString("error").startsWith("the running config is kept"), r.bodyAsString());
    assertEquals("a=every 1h,b=every 1h", jobs());
    assertTrue(said.stream().anyMatch(l -> l.startsWith("scraper: reload of " + conf + " refused, the running config "
        + "is kept: the reloaded config is invalid (1 problem): jobs[0].concurency")), said.toString());
  }

  @Test
  void aValidConfigAddsChangesAndRemovesTheFilesJobsButNotThoseAddedThroughTheApi() throws Exception {
    assertEquals(201, post("/jobs", job("fromApi", "1h"), true).statusCode());
    Files.writeString(conf, config(job("b", "2h"), job("c", "1h")).put("memoryBudgetBytes", 32L << 20)
        .encodePrettily());
    HttpResponse<Buffer> r = post("/reload", null, true);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject body = r.bodyAsJsonObject();
    assertEquals(new JsonArray().add("c"), body.getJsonArray("added"));
    assertEquals(new JsonArray().add("b"), body.getJsonArray("changed"));
    assertEquals(new JsonArray().add("a"), body.getJsonArray("removed"));
    assertEquals(new JsonArray().add("memoryBudgetBytes"), body.getJsonArray("needsRestart"));
    assertEquals("b=every 2h,fromApi=every 1h,c=every 1h", jobs());
    assertTrue(said.contains("scraper: reloaded " + conf + ": 1 job added (c), 1 changed (b), 1 removed (a), 0 "
        + "unchanged; memoryBudgetBytes changed too but needs a restart (the running value is kept)"), said.toString());
  }

  @Test
  void aKeyReadAtStartStillNeedsARestartAtTheSecondReloadAndTheJobsKeepTheStartValue() throws Exception {
    Files.writeString(conf, config(job("a", "1h"), job("b", "1h")).put("outputDir", "moved").encodePrettily());
    HttpResponse<Buffer> first = post("/reload", null, true);
    assertEquals(new JsonArray().add("outputDir"), first.bodyAsJsonObject().getJsonArray("needsRestart"),
        first.bodyAsString());
    Files.writeString(conf, config(job("a", "1h"), job("b", "2h")).put("outputDir", "moved").encodePrettily());
    HttpResponse<Buffer> second = post("/reload", null, true);
    assertEquals(200, second.statusCode(), second.bodyAsString());
    assertEquals(new JsonArray().add("outputDir"), second.bodyAsJsonObject().getJsonArray("needsRestart"),
        "still the start value: " + second.bodyAsString());
    JsonObject b = await(client.get(port, "127.0.0.1", "/jobs/b").bearerTokenAuthentication(TOKEN).send())
        .bodyAsJsonObject();
    assertEquals(dir.resolve("b.jsonl").toString(), b.getString("output"), b.encode());
  }

  @Test
  void aFileJobUnderTheNameOfAnApiJobIsRefusedWith409() throws Exception {
    assertEquals(201, post("/jobs", job("x", "1h"), true).statusCode());
    Files.writeString(conf, config(job("a", "1h"), job("b", "1h"), job("x", "2h")).encodePrettily());
    HttpResponse<Buffer> r = post("/reload", null, true);
    assertEquals(409, r.statusCode(), r.bodyAsString());
    assertTrue(r.bodyAsJsonObject().getString("error").contains("a job 'x', the name of a job added through the API"),
        r.bodyAsString());
    assertEquals("a=every 1h,b=every 1h,x=every 1h", jobs());
  }
}
