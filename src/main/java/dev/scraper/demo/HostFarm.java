package dev.scraper.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Many hosts for the cluster's demo and benchmark: the demo shop ({@link DemoSite}) on {@code --hosts N} ports of
 * 127.0.0.1 (each port is a host to the scraper: its own politeness), and a URL file listing {@code --pages P} pages
 * of each, answered after {@code --delay-ms D}: {@code java -cp scraper.jar dev.scraper.demo.HostFarm --hosts 30
 * --pages 40 --delay-ms 200 --urls urls.txt}. Loopback only; runs until stopped.
 */
public final class HostFarm {
  private HostFarm() {
  }

  public static void main(String[] args) throws IOException {
    int hosts = 20;
    int pages = 50;
    int delay = 100;
    Path urls = Path.of("urls.txt");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--hosts" -> hosts = bounded(args[i + 1], 1, 500, "--hosts");
        case "--pages" -> pages = bounded(args[i + 1], 1, 1_000_000, "--pages");
        case "--delay-ms" -> delay = bounded(args[i + 1], 0, 10_000, "--delay-ms");
        case "--urls" -> urls = Path.of(args[i + 1]);
        default -> fail("unknown option " + args[i] + " (usage: HostFarm [--hosts N] [--pages P] [--delay-ms D]"
            + " [--urls FILE])");
      }
    }
    if (args.length % 2 != 0) {
      fail("option " + args[args.length - 1] + " needs a value");
    }
    Vertx vertx = Vertx.vertx();
    List<Future<HttpServer>> servers = new ArrayList<>();
    for (int h = 0; h < hosts; h++) {
      servers.add(DemoSite.start(vertx, "127.0.0.1", 0));
    }
    List<HttpServer> up;
    try {
      Future.all(servers).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      up = servers.stream().map(Future::result).toList();
    } catch (Exception e) {
      vertx.close();
      fail("cannot start the hosts: " + e);
      return;
    }
    StringBuilder list = new StringBuilder();
    for (int p = 0; p < pages; p++) { // host by host in turn, as a list mixing many sites would
      for (int h = 0; h < hosts; h++) {
        list.append("http://127.0.0.1:").append(up.get(h).actualPort()).append("/bench/").append(h * pages + p)
            .append(".html?delay=").append(delay).append('\n');
      }
    }
    Files.writeString(urls, list, StandardCharsets.UTF_8);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().toCompletionStage().toCompletableFuture()
        .orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join(), "host-farm-shutdown"));
    System.out.println("host farm: " + hosts + " hosts on 127.0.0.1, " + (long) hosts * pages + " URLs in " + urls
        + ", " + delay + " ms a page");
  }

  private static int bounded(String text, int min, int max, String name) {
    try {
      int n = Integer.parseInt(text);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    fail(name + " must be " + min + ".." + max + ", got '" + text + "'");
    return min;
  }

  private static void fail(String message) {
    System.err.println("host farm: " + message);
    System.exit(2);
  }
}
