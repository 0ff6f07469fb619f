package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line read into what to do; mistakes are refused with the message a user sees. */
class CliTest {

  @Test
  void confAndLauncherOptionsAreKeptApartAndGivenAsTheyCame() {
    Cli cli = Cli.parse(new String[] {"-conf", "conf.json", "-cluster", "-cluster-host", "10.0.0.1",
        "--options={\"eventLoopPoolSize\": 3}", "-instances", "1"});
    assertEquals(Cli.Action.RUN, cli.action);
    assertEquals("conf.json", cli.conf);
    assertFalse(cli.quick.given());
    assertEquals(List.of("-cluster", "-cluster-host", "10.0.0.1", "--options={\"eventLoopPoolSize\": 3}"),
        cli.launcherArgs);
  }

  @Test
  void clusteredWhenAnyOfTheClusterFlagsIsGiven() {
    assertTrue(Cli.parse(new String[] {"-conf", "c.json", "-cluster"}).clustered());
    assertTrue(Cli.parse(new String[] {"-conf", "c.json", "--CLUSTER", "-cluster-host", "127.0.0.1"}).clustered());
    assertTrue(Cli.parse(new String[] {"-c", "http://a.example/"}).clustered());
    assertFalse(Cli.parse(new String[] {"-conf", "c.json", "-options", "{}"}).clustered());
  }

  @Test
  void helpWinsOverVersionAndEverythingElse() {
    assertEquals(Cli.Action.HELP, Cli.parse(new String[] {"--version", "-conf", "x.json", "--help"}).action);
    assertEquals(Cli.Action.VERSION, Cli.parse(new String[] {"--version"}).action);
    assertEquals(Cli.Action.HELP, Cli.parse(new String[] {"-h"}).action);
  }

  @Test
  void propertiesAfterTheJarAreSetAsSystemProperties() {
    Cli.parse(new String[] {"-Dscraper.test.cli=yes", "-Dscraper.test.flag", "--version"});
    assertEquals("yes", System.getProperty("scraper.test.cli"));
    assertEquals("", System.getProperty("scraper.test.flag"));
    System.clearProperty("scraper.test.cli");
    System.clearProperty("scraper.test.flag");
  }

  @Test
  void theQuickFormTakesBareUrlsUrlOptionsAndDashForStdin() {
    Cli cli = Cli.parse(new String[] {"https://a.example/", "--url", "http://b.example/x", "--url=-",
        "--extract", "title=h1", "-o", "out.jsonl", "--no-robots"});
    assertNull(cli.conf);
    assertTrue(cli.quick.given());
    JsonObject job = cli.quick.config(Path.of("/work"), false).getJsonArray("jobs").getJsonObject(0);
    assertEquals("[\"https://a.example/\",\"http://b.example/x\"]", job.getJsonArray("urls").encode());
    assertEquals("-", job.getString("urlsFile"));
    assertEquals(false, job.getBoolean("robotsTxt"));
  }

  /** Every option of the README's option tables is one the command line knows, and every quick-form option is there. */
  @Test
  void theReadmeListsTheOptionsTheCommandLineKnows() throws Exception {
    List<String> listed = new java.util.ArrayList<>();
    boolean inTable = false;
    for (String line : java.nio.file.Files.readAllLines(Path.of("README.md"))) {
      inTable = line.startsWith("|") && (inTable || line.replace(" ", "").startsWith("|option|meaning|"));
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("`(--?[a-z][a-z-]*)").matcher(
          inTable ? line.split("\\|")[1] : "");
      while (m.find()) {
        listed.add(m.group(1));
      }
    }
    assertTrue(listed.containsAll(List.of("--url", "--extract", "--concurrency", "--timeout-ms", "--no-follow",
        "--no-robots", "-o", "--output", "-conf", "--help", "--version", "-options", "-cluster")), listed.toString());
    for (String option : listed) {
      try {
        Cli.parse(new String[] {option, "x=1"});
      } catch (Cli.UsageException e) {
        assertFalse(e.getMessage().startsWith("unknown option"), option + ": " + e.getMessage());
      } finally {
        System.clearProperty("scraper.fresh"); // --fresh is read from here by the launcher
      }
    }
  }

  @Test
  void freshAsksTheLauncherToStartEveryJobOver() {
    try {
      Cli.parse(new String[] {"--fresh", "-conf", "x.json"});
      assertEquals("true", System.getProperty("scraper.fresh"));
    } finally {
      System.clearProperty("scraper.fresh");
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--bogus|unknown option '--bogus'",
      "--concurency|unknown option '--concurency'; did you mean '--concurrency'?",
      "-worker|-worker is not supported: the engine issues every request from its event loop",
      "-vt|-vt is not supported",
      "--virtual-thread|--virtual-thread is not supported",
      "-instances 2|-instances is not supported: one engine on one event loop runs every job",
      "com.example.Main|unexpected argument 'com.example.Main'",
      "--concurrency|option '--concurrency' needs a value",
      "-cluster-port abc|option '-cluster-port' takes a port number, got 'abc'",
      "-conf c.json -cluster-host 10.0.0.1|option '-cluster-host' applies only with -cluster",
      "-conf c.json --cluster-port=5800|option '--cluster-port' applies only with -cluster",
      "--extract h1 http://a.example/|--extract 'h1': give NAME=CSS, such as title=h1",
      "-conf c.json http://a.example/|a URL cannot be used with -conf",
      "-conf c.json --no-robots|--no-robots cannot be used with -conf"})
  void mistakesAreRefusedWithOneMessage(String line, String message) {
    Cli.UsageException e = assertThrows(Cli.UsageException.class, () -> Cli.parse(line.split(" ")));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }
}
