package dev.scraper.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.cluster.ClusterNode;
import dev.scraper.config.Defaults;
import dev.scraper.testing.TestSite;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /metrics after a run over more hosts than get a label of their own: the Prometheus text is well formed line by
 * line, the metric families are there, and the host label has at most {@link Defaults#METRICS_HOSTS} values plus
 * "other"; every series has this node's name as its {@code node} label.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApiMetricsTest {
  /** A sample: name, optional labels, a value (Prometheus text format 0.0.4). */
  private static final Pattern SAMPLE = Pattern.compile(
      "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\",?)*\\})? "
          + "(-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)( -?[0-9]+)?");
  private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+");
  private static final Pattern HOST = Pattern.compile("host=\"([^\"]*)\"");
  @TempDir
  static Path dir;
  static Vertx vertx;
  static TestSite site;
  static ApiHarness api;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    site = ApiHarness.await(TestSite.start(vertx));
    api = ApiHarness.start(vertx, new JsonObject().put("jobs", new JsonArray())
        .put("defaults", new JsonObject().put("robotsTxt", false).put("retries", 0)), dir, null);
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      ApiHarness.await(vertx.close());
    }
  }

  @Test
  void metricsAreWellFormedNamedAndTheHostLabelBounded() throws Exception {
    List<String> urls = new ArrayList<>(List.of(site.url("/page/1.html"), site.url("/status/404")));
    for (int port = 1; port <= Defaults.METRICS_HOSTS + 5; port++) { // refused at once: a host each
      urls.add("http://127.0.0.1:" + port + "/");
    }
    JsonObject job = ApiTest.job("many", "many.jsonl", urls.toArray(String[]::new));
    job.remove("extract");
    assertEquals(201, api.post("/jobs", job).statusCode());
    String id = api.json(HttpMethod.POST, "/jobs/many/runs", 202).getString("id");
    api.ended(id);

    HttpResponse<io.vertx.core.buffer.Buffer> r = api.call(HttpMethod.GET, "/metrics");
    assertEquals(200, r.statusCode());
    assertTrue(r.getHeader("content-type").startsWith("text/plain; version=0.0.4"));
    Set<String> names = new TreeSet<>();
    Set<String> hosts = new TreeSet<>();
    for (String line : r.bodyAsString().split("\n")) {
      if (line.startsWith("#")) {
        assertTrue(COMMENT.matcher(line).matches(), line);
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertTrue(m.matches(), "not a sample line: " + line);
      names.add(m.group(1));
      Matcher h = HOST.matcher(line);
      if (h.find()) {
        hosts.add(h.group(1));
      }
    }
    for (String name : List.of("scraper_pages_total", "scraper_requests_total", "scraper_errors_total",
        "scraper_request_latency_seconds_bucket", "scraper_request_latency_seconds_count",
        "scraper_received_bytes_total", "scraper_requests_in_flight", "scraper_queue_depth", "scraper_runs_active",
        "scraper_run_duration_seconds_count", "scraper_schedule_skipped_total")) {
      assertTrue(names.contains(name), name + " missing from " + names);
    }
    assertTrue(hosts.contains("other"), hosts.toString());
    assertEquals(Defaults.METRICS_HOSTS + 1, hosts.size(), hosts.toString());
    String text = r.bodyAsString();
    String node = "node=\"" + ClusterNode.of(vertx).name() + "\"";
    assertTrue(text.contains("scraper_pages_total{" + node + "} " + urls.size() + ".0"), text);
    assertTrue(text.contains("scraper_errors_total{" + node + ",type=\"connect\"} " + (Defaults.METRICS_HOSTS + 5)
        + ".0"), text);
    assertTrue(text.contains("scraper_errors_total{" + node + ",type=\"http-status\"} 1.0"), text);
    for (String line : text.split("\n")) { // every series of ours, whatever its other labels, names the node
      if (line.startsWith("scraper_")) {
        assertTrue(line.contains(node), line);
      }
    }
  }

  /** The Python client's parser (Debian's python3-prometheus-client), when this machine has it; skipped if not. */
  @Test
  void thePrometheusClientParserReadsTheMetrics() throws Exception {
    String python = pythonWithPrometheusClient();
    Assumptions.assumeTrue(python != null, "no python3 with prometheus_client here");
    // a process of its own (its own registry), so that the counts of the other test stay exact
    ApiHarness own = ApiHarness.start(vertx, new JsonObject().put("outputDir", "parsed")
        .put("defaults", new JsonObject().put("robotsTxt", false).put("retries", 0)), dir, null);
    JsonObject job = ApiTest.job("parsed", "parsed.jsonl", site.url("/page/1.html"), site.url("/status/500"));
    assertEquals(201, own.post("/jobs", job).statusCode());
    own.ended(own.json(HttpMethod.POST, "/jobs/parsed/runs", 202).getString("id"));
    Path metrics = dir.resolve("metrics.txt");
    Files.writeString(metrics, own.call(HttpMethod.GET, "/metrics").bodyAsString());
    Process p = new ProcessBuilder(python, "-c", "import sys\n"
        + "from prometheus_client.parser import text_string_to_metric_families as parse\n"
        + "names = sorted(f.name + ':' + f.type for f in parse(open(sys.argv[1]).read()))\n"
        + "print(' '.join(names))", metrics.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    for (String family : List.of("scraper_pages:counter", "scraper_request_latency_seconds:histogram",
        "scraper_errors:counter", "scraper_queue_depth:gauge", "scraper_run_duration_seconds:histogram")) {
      assertTrue(out.contains(family), family + " not parsed from: " + out);
    }
  }

  private static String pythonWithPrometheusClient() {
    for (String python : List.of("/usr/bin/python3", "python3")) {
      try {
        Process p = new ProcessBuilder(python, "-c", "import prometheus_client").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() == 0) {
          return python;
        }
      } catch (java.io.IOException | InterruptedException e) {
        // not this one
      }
    }
    return null;
  }
}
