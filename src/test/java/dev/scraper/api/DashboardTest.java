package dev.scraper.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dashboard's static files through real HTTP requests: each with its type, ETag and Content-Security-Policy,
 * public even when the API has a token (while data still needs it), nothing else of the class path reachable, and
 * what ships small and free of inline script or style.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DashboardTest {
  static final String TOKEN = "0123456789abcdef-dashboard";
  static final long MAX_SHIPPED_BYTES = 150 * 1024;
  @TempDir
  static Path dir;
  static Vertx vertx;
  static ApiHarness open;
  static ApiHarness locked;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    open = ApiHarness.start(vertx, new JsonObject().put("outputDir", "out"), dir, null);
    locked = ApiHarness.start(vertx, new JsonObject().put("outputDir", "out2"), dir, TOKEN);
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      ApiHarness.await(vertx.close());
    }
  }

  /** A request with no token at all. */
  static HttpResponse<Buffer> anonymous(ApiHarness api, String path) throws Exception {
    return ApiHarness.await(api.client.request(HttpMethod.GET, api.port, "127.0.0.1", path).send());
  }

  static byte[] resource(String name) throws Exception {
    try (InputStream in = DashboardTest.class.getClassLoader().getResourceAsStream("dashboard/" + name)) {
      assertNotNull(in, "dashboard/" + name + " is not on the class path");
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @CsvSource({"/, text/html; charset=utf-8, index.html", "/index.html, text/html; charset=utf-8, index.html",
      "/app.js, text/javascript; charset=utf-8, app.js", "/api.js, text/javascript; charset=utf-8, api.js",
      "/history.js, text/javascript; charset=utf-8, history.js", "/plot.js, text/javascript; charset=utf-8, plot.js",
      "/views.js, text/javascript; charset=utf-8, views.js", "/app.css, text/css; charset=utf-8, app.css",
      "/favicon.svg, image/svg+xml, favicon.svg"})
  void eachFileIsServedWithItsTypeAnEtagAndAStrictCspWithoutAToken(String path, String type, String file)
      throws Exception {
    HttpResponse<Buffer> r = anonymous(locked, path);
    assertEquals(200, r.statusCode(), path + ": " + r.bodyAsString());
    assertEquals(type, r.getHeader("Content-Type"));
    assertArrayEquals(resource(file), r.body().getBytes(), path);
    assertEquals("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        r.getHeader("Content-Security-Policy"));
    assertEquals("nosniff", r.getHeader("X-Content-Type-Options"));
    assertEquals("no-cache", r.getHeader("Cache-Control"));
    assertTrue(r.getHeader("ETag").matches("\"[A-Za-z0-9_-]{22}\""), r.getHeader("ETag"));
  }

  @Test
  void theEtagAnswers304AndAnotherFileHasAnotherOne() throws Exception {
    String etag = anonymous(open, "/app.js").getHeader("ETag");
    HttpResponse<Buffer> again = ApiHarness.await(open.client.get(open.port, "127.0.0.1", "/app.js")
        .putHeader("If-None-Match", etag).send());
    assertEquals(304, again.statusCode());
    assertEquals(etag, again.getHeader("ETag"));
    assertEquals(0, again.body() == null ? 0 : again.body().length());
    assertFalse(etag.equals(anonymous(open, "/app.css").getHeader("ETag")));
    assertEquals(200, ApiHarness.await(open.client.get(open.port, "127.0.0.1", "/app.js")
        .putHeader("If-None-Match", "\"other\"").send()).statusCode());
  }

  @Test
  void withATokenTheFilesArePublicButTheDataIsNot() throws Exception {
    assertEquals(200, anonymous(locked, "/").statusCode());
    for (String path : List.of("/jobs", "/metrics", "/runs/x", "/runs/x/records", "/jobs/x/runs")) {
      HttpResponse<Buffer> r = anonymous(locked, path);
      assertEquals(401, r.statusCode(), path);
      assertTrue(r.bodyAsJsonObject().getString("error").contains("Authorization: Bearer"), path);
    }
    assertEquals(200, locked.call(HttpMethod.GET, "/jobs").statusCode());
    assertEquals(200, locked.call(HttpMethod.GET, "/index.html").statusCode(), "a token does no harm");
  }

  /** Paths are looked up among the files listed, never resolved: nothing else on the class path answers. */
  @ParameterizedTest
  @ValueSource(strings = {"/nope.js", "/dashboard/index.html", "/index.htm", "/app.js/", "/APP.JS",
      "/dev/scraper/api/Dashboard.class", "/../pom.xml", "/..%2fpom.xml", "/%2e%2e/%2e%2e/etc/passwd",
      "/app.js/../../dev/scraper/api/Api.class", "/dashboard/../dev/scraper/api/Api.class", "/%2fetc%2fpasswd",
      "/..\\..\\pom.xml", "/index.html%00.js", "/conf/valid"})
  void anyOtherPathIs404AndNothingOutsideTheDashboardFilesIsServed(String path) throws Exception {
    HttpResponse<Buffer> r = anonymous(open, path);
    assertTrue(r.statusCode() == 404 || r.statusCode() == 400, path + ": " + r.statusCode());
    assertEquals("application/json", r.getHeader("Content-Type"), path);
    assertTrue(r.bodyAsJsonObject().containsKey("error"), path);
  }

  @Test
  void aFileThatIsNot404sEvenWhenItsNameIsThatOfADashboardFileElsewhere() throws Exception {
    assertEquals(404, anonymous(open, "/jobs/app.js").statusCode());
    assertEquals(404, anonymous(open, "/runs/x/index.html").statusCode());
  }

  /** Every file of src/main/resources/dashboard is listed (so served), and all together stay under 150 KB. */
  @Test
  void theShippedFilesAreAllListedAndTogetherUnder150Kb() throws Exception {
    Path shipped = classPathDir();
    Set<String> present;
    try (Stream<Path> files = Files.list(shipped)) {
      present = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(new TreeSet<>(Dashboard.FILES), present);
    long total = 0;
    for (String name : Dashboard.FILES) {
      total += resource(name).length;
    }
    assertTrue(total < MAX_SHIPPED_BYTES, "the dashboard ships " + total + " bytes");
  }

  private static Path classPathDir() throws URISyntaxException {
    return Path.of(DashboardTest.class.getClassLoader().getResource("dashboard/index.html").toURI()).getParent();
  }

  /** What the CSP forbids is not in the files: no inline script or style, no handler attributes, no eval. */
  @Test
  void theFilesHoldNoInlineScriptOrStyleNorAnythingFetchedFromElsewhere() throws Exception {
    String html = new String(resource("index.html"), StandardCharsets.UTF_8);
    assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE).matcher(html).find(),
        "inline <script>");
    assertFalse(Pattern.compile("<style|\\sstyle=|\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(html).find(),
        "inline style or handler");
    for (String name : Dashboard.FILES) {
      String text = new String(resource(name), StandardCharsets.UTF_8);
      assertFalse(Pattern.compile("https?://(?!www\\.w3\\.org/2000/svg)").matcher(text).find(),
          name + " names another origin");
      if (name.endsWith(".js")) {
        for (String banned : List.of("innerHTML", "outerHTML", "eval(", "new Function", "setAttribute('style'",
            ".style.", "document.write", "new EventSource")) {
          assertFalse(text.contains(banned), name + " uses " + banned);
        }
      }
    }
  }
}
