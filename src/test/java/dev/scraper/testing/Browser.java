package dev.scraper.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both at fixed paths (overridable with
 * {@code -Dscraper.chromium} and {@code -Dscraper.chromedriver}). The driver's path is given to Selenium, so Selenium
 * Manager never runs and nothing downloads a browser or a driver. Without them, a test is skipped with one line
 * saying what to install, or fails when the environment says {@code CI=true} (the browser is required there).
 */
public final class Browser {
  public static final String INSTALL = "apt-get install chromium chromium-driver";
  private static boolean said;

  private Browser() {
  }

  /**
   * Whether the browser and its driver are there. When they are not: fails under {@code CI=true}; else says once, on
   * the build's console, what to install (the caller then skips its tests with {@link #require()}).
   */
  public static synchronized boolean available() {
    Path browser = Path.of(System.getProperty("scraper.chromium", "/usr/bin/chromium"));
    Path driver = Path.of(System.getProperty("scraper.chromedriver", "/usr/bin/chromedriver"));
    List<Path> missing = java.util.stream.Stream.of(browser, driver).filter(p -> !Files.isExecutable(p)).toList();
    if (missing.isEmpty()) {
      return true;
    }
    if ("true".equals(System.getenv("CI"))) {
      fail("CI=true requires the browser: no " + missing + "; install it with: " + INSTALL);
    }
    if (!said) {
      said = true;
      // failsafe keeps a test's own output in its report file: this one line goes to the build's console
      PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
      console.println(skipped(missing));
      console.flush();
    }
    return false;
  }

  /** Skips the test when the browser is missing (fails it under CI=true). */
  public static void require() {
    if (!available()) {
      Assumptions.abort(skipped(List.of()));
    }
  }

  private static String skipped(List<Path> missing) {
    return "browser test skipped: " + (missing.isEmpty() ? "no browser" : "no " + missing)
        + "; install Debian's headless browser with: " + INSTALL;
  }

  /** A new headless session of the given window size, browser console kept (see {@code manage().logs()}). */
  public static ChromeDriver start(int width, int height) {
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(System.getProperty("scraper.chromedriver", "/usr/bin/chromedriver")))
        .usingAnyFreePort().withTimeout(Duration.ofSeconds(60)).build();
    ChromeOptions options = new ChromeOptions().setBinary(System.getProperty("scraper.chromium", "/usr/bin/chromium"))
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--no-first-run", "--disable-extensions", "--disable-background-networking",
            "--window-size=" + width + "," + height);
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    return new ChromeDriver(service, options);
  }
}
