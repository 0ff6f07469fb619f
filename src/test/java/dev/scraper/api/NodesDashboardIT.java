package dev.scraper.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.cluster.ClusterNode;
import dev.scraper.cluster.Clusters;
import dev.scraper.cluster.NodeRegistry;
import dev.scraper.testing.Browser;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's Nodes panel in headless Chromium: two clustered processes (two Vert.x members in this JVM, an
 * engine and an API each) show a row per node, this one marked, at desktop width and at 400 px without a horizontal
 * scroll bar; a process alone shows no panel. A screenshot at 400 px goes to target/dashboard-screenshots/.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NodesDashboardIT {
  @TempDir
  Path dir;

  private static JsonObject config(String out) {
    return new JsonObject().put("outputDir", out).put("jobs", new JsonArray());
  }

  @Test
  void twoNodesAreListedWithThisOneMarkedAndOneAloneHasNoPanel() throws Exception {
    Browser.require();
    List<Vertx> members = Clusters.start(2);
    Vertx alone = Vertx.vertx();
    ChromeDriver browser = Browser.start(1280, 1000);
    try {
      List<ApiHarness> apis = new ArrayList<>();
      for (int i = 0; i < members.size(); i++) {
        Vertx v = members.get(i);
        NodeRegistry nodes = ApiHarness.await(NodeRegistry.join(v, ClusterNode.of(v), NodeRegistry.version()));
        apis.add(ApiHarness.start(v, config("out" + i), dir, null, nodes));
      }
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(100));
      browser.get("http://127.0.0.1:" + apis.get(1).port + "/");
      wait.until(d -> d.findElement(By.id("nodes-panel")).isDisplayed()
          && d.findElements(By.cssSelector("#nodes tbody tr")).size() == 2);
      List<WebElement> rows = browser.findElements(By.cssSelector("#nodes tbody tr"));
      assertTrue(rows.get(0).getText().contains("(this)"), rows.get(0).getText());
      assertEquals("self", rows.get(0).getAttribute("class"));
      assertEquals(ClusterNode.of(members.get(1)).id(), rows.get(0).getAttribute("data-node"));
      assertEquals(ClusterNode.of(members.get(0)).id(), rows.get(1).getAttribute("data-node"));
      browser.manage().window().setSize(new Dimension(400, 1000));
      wait.until(d -> ((Number) ((ChromeDriver) d).executeScript("return document.documentElement.clientWidth"))
          .intValue() <= 400);
      assertTrue(browser.findElement(By.id("nodes-panel")).isDisplayed());
      Number scroll = (Number) browser.executeScript("return document.documentElement.scrollWidth");
      assertTrue(scroll.intValue() <= 400, "the page scrolls sideways at 400 px: " + scroll);
      Path shots = Files.createDirectories(Path.of("target", "dashboard-screenshots"));
      Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shots.resolve("dashboard-nodes-400px.png"),
          StandardCopyOption.REPLACE_EXISTING);

      ApiHarness single = ApiHarness.start(alone, config("single"), dir, null);
      browser.get("http://127.0.0.1:" + single.port + "/");
      wait.until(d -> d.findElement(By.id("board")).isDisplayed());
      wait.until(d -> d.findElement(By.id("status")).getText().startsWith("Up to date"));
      assertTrue(!browser.findElement(By.id("nodes-panel")).isDisplayed(), "one node: no panel");
    } finally {
      browser.quit();
      ApiHarness.await(alone.close());
      Clusters.close(members);
    }
  }
}
