package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.demo.DemoSite;
import dev.scraper.testing.Browser;
import dev.scraper.testing.JarProcess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard of the jar as users open it, in headless Chromium: the jar with a token, a probe job every second
 * and a slow job run on request, both against the demo site on 127.0.0.1. A wrong token gets a clear message; the
 * probe's latency plot has points of several runs; Run now starts the slow job, whose progress moves while it goes.
 * Screenshots of the page during the run (desktop and 400 px wide) go to target/dashboard-screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DashboardIT {
  private static final Pattern LISTENING = Pattern.compile("management API on http://127\\.0\\.0\\.1:(\\d+)");
  private static final String TOKEN = "dashboard-it-token-0123456789";
  private static final int SLOW_URLS = 40;
  private static final Path SHOTS = Path.of("target", "dashboard-screenshots");
  @TempDir
  static Path dir;
  private static Vertx vertx;
  private static JarProcess scraper;
  private static ChromeDriver browser;
  private static WebDriverWait wait;
  private static String home;

  @BeforeAll
  static void start() throws Exception {
    if (!Browser.available()) {
      return; // each test is skipped (or, under CI=true, this failed)
    }
    vertx = Vertx.vertx();
    int sitePort = get(DemoSite.start(vertx, "127.0.0.1", 0)).actualPort();
    String site = "http://127.0.0.1:" + sitePort;
    JsonArray probe = new JsonArray(IntStream.rangeClosed(1, 3).mapToObj(i -> site + "/bench/" + i + ".html?delay="
        + (10 * i)).map(Object.class::cast).collect(java.util.stream.Collectors.toList()));
    JsonArray slow = new JsonArray(IntStream.rangeClosed(1, SLOW_URLS).mapToObj(i -> site + "/bench/" + (100 + i)
        + ".html?delay=400").map(Object.class::cast).collect(java.util.stream.Collectors.toList())).add(site + "/broken.html");
    Files.writeString(dir.resolve("conf.json"), new JsonObject()
        .put("http", new JsonObject().put("port", 0).put("token", TOKEN)).put("outputDir", "out")
        .put("defaults", new JsonObject().put("robotsTxt", false).put("retries", 0))
        .put("jobs", new JsonArray()
            .add(job("probe", probe).put("schedule", new JsonObject().put("every", "1s")))
            .add(job("slow", slow).put("perHost", 2).put("schedule", "0 0 1 1 *"))) // on request only, in effect
        .encode());
    scraper = JarProcess.start(dir, List.of(), "-conf", "conf.json");
    Matcher[] port = new Matcher[1];
    scraper.await("the API's start-up line", 60, () -> {
      try {
        port[0] = LISTENING.matcher(scraper.stdout());
        return port[0].find();
      } catch (java.io.IOException e) {
        return false;
      }
    });
    home = "http://127.0.0.1:" + port[0].group(1) + "/";
    Files.createDirectories(SHOTS);
    browser = Browser.start(1280, 1400);
    wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(100));
  }

  @BeforeEach
  void browserThere() {
    Browser.require();
  }

  private static JsonObject job(String name, JsonArray urls) {
    return new JsonObject().put("name", name).put("urls", urls).put("extract", new JsonObject().put("title", "h1"))
        .put("output", new JsonObject().put("path", name + ".jsonl"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (scraper != null) {
      scraper.close();
    }
    if (vertx != null) {
      get(vertx.close());
    }
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  @Order(1)
  void aWrongTokenGetsAClearMessageAndTheRightOneShowsTheJobs() {
    browser.get(home);
    WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-message")));
    assertTrue(message.getText().contains("needs a token"), message.getText());
    enterToken(TOKEN + "-wrong");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("token-message"), "Wrong token"));
    assertTrue(browser.findElement(By.id("login")).isDisplayed());
    assertTrue(browser.findElement(By.id("board")).getAttribute("hidden") != null, "jobs shown without a token");
    enterToken(TOKEN);
    wait.until(d -> d.findElements(By.cssSelector("#jobs li[data-job]")).size() == 2);
    assertEquals(TOKEN, browser.executeScript("return sessionStorage.getItem('scraper.token')"));
    assertTrue(!browser.findElement(By.id("login")).isDisplayed());
  }

  private static void enterToken(String token) {
    WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
    input.clear();
    input.sendKeys(token);
    browser.findElement(By.cssSelector("#token-form button[type=submit]")).click();
  }

  @Test
  @Order(2)
  void theProbesLatencyPlotHasPointsFromAtLeastTwoRuns() throws Exception {
    card("probe").findElement(By.cssSelector("button.select")).click();
    // the plot is drawn again at each run's end: read it in one script, not element by element
    long runs = wait.until(d -> {
      Number n = (Number) browser.executeScript("return new Set([...document.querySelectorAll("
          + "'#plot svg circle.pt')].map(c => c.dataset.run)).size");
      return n.longValue() >= 2 ? n.longValue() : null;
    });
    assertTrue(runs >= 2, runs + " runs plotted");
    assertTrue(browser.findElement(By.id("legend")).getText().contains("127.0.0.1:"),
        browser.findElement(By.id("legend")).getText());
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("hosts"), "127.0.0.1:"));
    new Select(browser.findElement(By.id("plot-by"))).selectByValue("url");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("legend"), "/bench/3.html?delay=30"));
    screenshot("plot");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("changed-note"), " in run "));
    new Select(browser.findElement(By.id("plot-by"))).selectByValue("host");
    wait.until(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(By.id("legend"), "/bench/")));
  }

  /**
   * The plots read run summaries through one adapter (history.js toSummary): given the summaries' shape that
   * GET /jobs/{name}/runs answers, it gives per-host and per-URL series; when the API has no such endpoint, the page
   * says it plots from the runs in memory instead.
   */
  @Test
  @Order(3)
  void theSummaryAdapterReadsTheRunSummariesShapeAndThePageSaysWhenTheEndpointIsMissing() {
    String answer = (String) browser.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        Promise.all([import('/history.js'), import('/views.js')]).then(([h, v]) => {
          const summary = (id, startedAt, p90) => ({id, job: 'probe', state: 'done', ended: 'done', startedAt,
            endedAt: startedAt, urls: 2, total: 2, ok: 1, errors: {timeout: 1},
            latencyMs: {count: 2, p50: 12, p90, p95: p90, p99: p90, max: p90},
            statuses: {'2xx': 1, none: 1}, statusCodes: {'200': 1},
            hosts: [{host: 'a.test:8080', count: 2, p50: 12, p90, p99: p90, max: p90}],
            perUrl: [{url: 'http://a.test:8080/x', status: 200, latencyMs: 12, error: null},
              {url: 'http://a.test:8080/y', status: null, latencyMs: null, error: 'timeout'}]});
          const runs = [summary('r1', '2026-11-30T12:00:00Z', 250), summary('r2', '2026-11-30T12:01:00Z', 300)]
            .map(h.toSummary);
          const byHost = v.series(runs, 'host', 'p90');
          const byUrl = v.series(runs, 'url', 'p50');
          done(JSON.stringify([byHost.map(s => s.name + ' ' + s.points.map(p => p.run + '=' + p.y).join(' ')),
            byUrl.map(s => s.name + ' ' + s.points.map(p => p.y).join(' '))]));
        }, e => done('failed: ' + e));
        """);
    assertEquals("[[\"a.test:8080 r1=250 r2=300\"],[\"http://a.test:8080/x 12 12\"]]", answer,
        "a URL without any latency (timeouts only) has no line");
    Number summaries = (Number) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "fetch('/jobs/probe/runs', {headers: {Authorization: 'Bearer ' + sessionStorage.getItem('scraper.token')}})"
        + ".then(r => done(r.status), e => done(-1))");
    String note = browser.findElement(By.id("plot-note")).getText();
    assertEquals(summaries.intValue() != 200, note.contains("keeps no run summaries"), summaries + ": " + note);
  }

  @Test
  @Order(4)
  void runNowStartsTheSlowJobAndItsProgressMovesWhileItGoes() throws Exception {
    WebElement slow = card("slow");
    slow.findElement(By.cssSelector("button.select")).click();
    WebElement runNow = slow.findElement(By.cssSelector("button.run-now"));
    runNow.sendKeys(Keys.ENTER); // by keyboard: a real button

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("li[data-job=slow] .msg"),
        "started"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-state"), "running"));
    assertEquals(runNow, browser.switchTo().activeElement(), "the page's updates took the keyboard focus away");
    int first = wait.until(d -> {
      int done = done();
      return done > 0 && done < SLOW_URLS ? done : null;
    });
    int later = wait.until(d -> {
      int done = done();
      return done > first ? done : null;
    });
    assertTrue(later > first);
    assertTrue(browser.findElement(By.id("f-done")).getText().endsWith("/ " + (SLOW_URLS + 1)));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("records"), "/bench/"));
    screenshot("desktop");
    browser.manage().window().setSize(new Dimension(400, 2700));
    wait.until(d -> ((Number) ((ChromeDriver) d).executeScript("return document.documentElement.clientWidth"))
        .intValue() <= 400);
    screenshot("400px");
    browser.manage().window().setSize(new Dimension(1280, 1400));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-state"), ": done"));
    assertTrue(browser.findElement(By.id("f-errors")).getText().contains("http-status 1"),
        browser.findElement(By.id("f-errors")).getText());
    new Select(browser.findElement(By.id("filter"))).selectByValue("http-status");
    wait.until(d -> {
      List<WebElement> rows = d.findElements(By.cssSelector("#records tbody tr"));
      return rows.size() == 1 && rows.get(0).getText().contains("broken.html");
    });
  }

  @Test
  @Order(5)
  void theConsoleHasNoErrorsButTheApisOwnAnswers() {
    List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()).map(LogEntry::getMessage)
        .filter(m -> !m.matches("(?s).*Failed to load resource: the server responded with a status of 40[15].*"))
        .toList();
    assertEquals(List.of(), errors);
  }

  private static WebElement card(String job) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("li[data-job=" + job + "]")));
  }

  private static int done() {
    String text = browser.findElement(By.id("f-done")).getText().trim();
    return text.isEmpty() ? -1 : Integer.parseInt(text.split(" ")[0]);
  }

  private static void screenshot(String name) throws Exception {
    Path shot = SHOTS.resolve("dashboard-" + name + ".png");
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
  }
}
