package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.JarProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -cluster} from the jar as users run it: two nodes from one conf.json join on 127.0.0.1 (each with its own
 * API port and directories given as {@code -Dscraper.*}, and a Hazelcast config of their own through {@code
 * -Dvertx.hazelcast.config}, so that they never join a developer's cluster), Hazelcast's own INFO lines stay off
 * stderr unless {@code -Dscraper.debug=true}, and a run without {@code -cluster} loads no Hazelcast class at all.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterJarIT {
  private static final Pattern JOINED = Pattern.compile("scraper: joined the cluster as (\\S+) \\((\\d+) members?;"
      + " cluster port ([^,]+), event bus ([^)]+)\\)");

  @TempDir
  Path dir;

  @Test
  void twoNodesFromOneConfigJoinOnLoopbackEachWithItsOwnApiAndDirectories() throws Exception {
    Path hazelcast = clusterXml("it-" + UUID.randomUUID());
    Files.writeString(dir.resolve("conf.json"), new JsonObject().put("http", new JsonObject().put("port", 8088))
        .put("jobs", new JsonArray()).encode());
    int portA = freePort();
    int portB = freePort();
    try (JarProcess a = node(hazelcast, "node-a", portA)) {
      Matcher joinedA = awaitJoined(a);
      assertEquals(List.of("node-a", "1"), List.of(joinedA.group(1), joinedA.group(2)), joinedA.group());
      try (JarProcess b = node(hazelcast, "node-b", portB, "-Dscraper.debug=true")) {
        Matcher joinedB = awaitJoined(b);
        assertEquals(List.of("node-b", "2"), List.of(joinedB.group(1), joinedB.group(2)), joinedB.group());
        bothRunAndStop(a, b, joinedA, joinedB, portA, portB);
      }
    }
  }

  /** Both listen on loopback only, answer on their own API ports, log as told; SIGTERM ends each with 0. */
  private static void bothRunAndStop(JarProcess a, JarProcess b, Matcher joinedA, Matcher joinedB, int portA,
                                     int portB) throws Exception {
    for (Matcher joined : List.of(joinedA, joinedB)) {
      assertTrue(joined.group(3).startsWith("127.0.0.1:"), "Hazelcast on loopback: " + joined.group());
      assertTrue(joined.group(4).startsWith("127.0.0.1:"), "the event bus on loopback: " + joined.group());
    }
    assertEquals(200, health(portA), "node-a's API on its -Dscraper.http.port");
    assertEquals(200, health(portB), "node-b's API on its -Dscraper.http.port");

    assertFalse(a.stderr().contains("INFO:"), "Hazelcast's INFO lines are off by default:\n" + a.describe());
    b.await("Hazelcast's member list with -Dscraper.debug=true", 30, () -> stderr(b).contains("Members {size:2"));

    a.sigterm();
    b.sigterm();
    assertEquals(0, a.waitFor(60), a.describe());
    assertEquals(0, b.waitFor(60), b.describe());
  }

  @Test
  void withoutClusterNoHazelcastClassIsLoadedByEitherLaunchPath() throws Exception {
    // the direct path (no launcher option) and the launcher's (here -options)
    for (List<String> args : List.of(List.of("-o", "x.jsonl", "http://127.0.0.1:1/"),
        List.of("-options", "{}", "-o", "y.jsonl", "http://127.0.0.1:1/"))) {
      Path classes = Files.createTempFile(dir, "classes", ".txt");
      try (JarProcess run = JarProcess.start(dir, List.of("-Xlog:class+load:file=" + classes),
          args.toArray(new String[0]))) {
        assertEquals(1, run.waitFor(60), run.describe()); // the URL's connection is refused: an error record
        String loaded = Files.readString(classes);
        assertTrue(loaded.contains("dev.scraper.app.ScraperApp"), "the class log is written");
        assertFalse(loaded.contains("com.hazelcast") || loaded.contains("cluster.hazelcast"),
            args + " loaded Hazelcast: " + loaded.lines().filter(l -> l.contains("hazelcast")).toList());
      }
    }
  }

  @Test
  void aBadNodeValueIsRefusedNamingThePropertyBeforeTheNodeJoinsAnyone() throws Exception {
    Files.writeString(dir.resolve("conf.json"), new JsonObject().put("http", new JsonObject())
        .put("jobs", new JsonArray()).encode());
    Path hazelcast = clusterXml("it-" + UUID.randomUUID());
    try (JarProcess run = JarProcess.start(dir, List.of("-Dscraper.http.port=80800",
        "-Dvertx.hazelcast.config=" + hazelcast), "-cluster", "-conf", "conf.json")) {
      assertEquals(2, run.waitFor(60), run.describe());
      assertTrue(run.stderr().contains("-Dscraper.http.port: must be a port number from 0 to 65535 (0: any free"
          + " port), got '80800'"), run.describe());
      assertFalse(run.stderr().contains("hazelcast") || run.stderr().contains("joined"), run.describe());
    }
  }

  private JarProcess node(Path hazelcast, String name, int httpPort, String... more) throws IOException {
    List<String> flags = new java.util.ArrayList<>(List.of("-Dvertx.hazelcast.config=" + hazelcast,
        "-Dscraper.node.name=" + name, "-Dscraper.http.port=" + httpPort, "-Dscraper.dataDir=" + name + "/data",
        "-Dscraper.outputDir=" + name + "/out"));
    flags.addAll(List.of(more));
    return JarProcess.start(dir, flags, "-cluster", "-conf", "conf.json");
  }

  private static Matcher awaitJoined(JarProcess node) throws IOException {
    Matcher[] joined = new Matcher[1];
    node.await("the joined line", 90, () -> {
      joined[0] = JOINED.matcher(stderr(node));
      return joined[0].find();
    });
    return joined[0];
  }

  private static String stderr(JarProcess node) {
    try {
      return node.stderr();
    } catch (IOException e) {
      return "";
    }
  }

  /** The API's answer to GET /health, once it listens (the joined line comes before the API is up), 60 s at most. */
  private static int health(int port) throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
      } catch (java.net.ConnectException notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        Thread.sleep(100); // polling with a deadline: the API starts listening after the node joined
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * The jar's cluster.xml under cluster name {@code name}, on ports of its own (a free port and the five after it):
   * other processes of this machine (a developer's nodes, other tests) may hold 5701 and up.
   */
  private Path clusterXml(String name) throws IOException {
    String xml;
    try (InputStream in = ClusterJarIT.class.getResourceAsStream("/cluster.xml")) {
      xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int base = freePort();
    while (base > 65_000) {
      base = freePort();
    }
    StringBuilder members = new StringBuilder("<member-list>");
    for (int p = base; p < base + 6; p++) {
      members.append("<member>127.0.0.1:").append(p).append("</member>");
    }
    String own = xml.replace("<cluster-name>scraper</cluster-name>", "<cluster-name>" + name + "</cluster-name>")
        .replace(">5701</port>", ">" + base + "</port>")
        .replaceAll("(?s)<member-list>.*</member-list>", members + "</member-list>");
    assertTrue(own.contains(name) && own.contains(">" + base + "</port>"), own);
    return Files.writeString(dir.resolve("cluster.xml"), own);
  }
}
