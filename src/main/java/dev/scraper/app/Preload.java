package dev.scraper.app;

import dev.scraper.config.JobSpec;
import dev.scraper.config.ScraperConfig;
import dev.scraper.config.TlsProxy;
import dev.scraper.fetch.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Loads and initialises the classes the first request needs (HTTP client, codec, sockets, engine, formatting),
 * on the config thread
 * while the launcher starts Vert.x on the main thread: on two cores that takes class loading off the path to the
 * first request. Only classes whose static initialisers have no side effects are listed; a missing one is skipped.
 */
final class Preload {
  private static final String[] CLASSES = {
      "io.vertx.ext.web.client.WebClientOptions", // its default User-Agent reads Vert.x's version from the jar
      "io.vertx.ext.web.client.impl.WebClientBase",
      "io.vertx.ext.web.client.impl.HttpRequestImpl",
      "io.vertx.ext.web.client.impl.HttpContext",
      "io.vertx.ext.web.client.impl.HttpResponseImpl",
      "io.vertx.core.http.impl.HttpClientImpl",
      "io.vertx.core.http.impl.HttpClientRequestImpl",
      "io.vertx.core.http.impl.Http1xClientConnection",
      "io.netty.handler.codec.http.HttpClientCodec",
      "io.netty.handler.codec.http.HttpObjectDecoder",
      "io.netty.handler.codec.http.HttpObjectEncoder",
      "io.netty.handler.codec.http.DefaultHttpHeaders",
      "io.netty.bootstrap.Bootstrap",
      "io.netty.channel.DefaultChannelPipeline",
      "io.netty.channel.socket.nio.NioSocketChannel",
      "io.netty.channel.ChannelOutboundBuffer",
      "io.netty.resolver.dns.DnsNameResolver",
      "io.vertx.core.net.impl.NetClientImpl",
      "io.vertx.core.net.impl.ConnectionBase",
      "dev.scraper.engine.Engine",
      "dev.scraper.engine.Run",
      "dev.scraper.engine.UrlTask",
      "dev.scraper.polite.HostBoard",
      "dev.scraper.url.WebUrl",
      "dev.scraper.frontier.SeenUrls$Keys",
      "dev.scraper.fetch.Fetcher",
      "dev.scraper.fetch.Exchange",
      "dev.scraper.fetch.RequestTap",
      "dev.scraper.robots.RobotsRules",
      "dev.scraper.sink.JsonLinesSink",
      "dev.scraper.sink.Outputs",
      "dev.scraper.sink.TerminalReporter",
      "crawlercommons.robots.SimpleRobotRulesParser",
  };

  private Preload() {
  }

  /**
   * Readies TLS, on a thread of its own, for the jobs that will likely need it (an https URL in "urls" or "sitemap"
   * or first in "urlsFile", or a "tls" setting): OpenSSL's native library, the trust stores, a first run of the TLS
   * code (see {@code fetch.TlsWarmup}). Returns at once: nothing waits for it but a first TLS connection that comes
   * before it is done. Plain-http runs skip it.
   */
  static void tls(ScraperConfig config) {
    Set<TlsProxy> transports = new LinkedHashSet<>();
    for (JobSpec job : config.jobs()) {
      TlsProxy t = job.fetch().tlsProxy();
      if (t.insecure() || t.caFile() != null || job.urls().stream().anyMatch(Preload::https)
          || job.sitemap().urls().stream().anyMatch(Preload::https)
          || job.urlsFile() != null && https(firstLine(job.urlsFile()))) {
        transports.add(t);
      }
    }
    if (!transports.isEmpty()) {
      background("scraper-tls-warm-up", () -> Transport.warm(transports));
    }
  }

  /**
   * Starts loading the TLS engine at once, before the config is even parsed, when its text mentions https (an
   * https URL, a caFile): OpenSSL's start-up is the longest part of a first https request's, and the launcher's
   * start-up leaves time for it. A config that does not (its URLs in a urlsFile) is warmed by {@link #tls} later.
   */
  static void tlsEarly(String confArg, Path workDir) {
    String text = confArg;
    if (confArg != null && !confArg.strip().startsWith("{")) {
      try {
        Path file = workDir.resolve(confArg);
        text = Files.size(file) < (1 << 20) ? Files.readString(file, StandardCharsets.UTF_8) : null;
      } catch (IOException | RuntimeException e) {
        text = null; // the config thread reports it
      }
    }
    if (text != null && (text.contains("https:") || text.contains("\"tls\""))) {
      background("scraper-tls-engine", Transport::warmEngine);
    }
  }

  private static void background(String name, Runnable task) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
  }

  private static boolean https(String url) {
    return url != null && url.regionMatches(true, 0, "https:", 0, 6);
  }

  /** The first line of a regular file that is not blank or a comment (a named pipe is not read); null if none. */
  private static String firstLine(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < 100; i++) {
        String line = in.readLine();
        if (line == null) {
          return null;
        }
        line = line.strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          return line;
        }
      }
    } catch (IOException | RuntimeException e) {
      // only a guess: the run reads the file as usual
    }
    return null;
  }

  static void classes() {
    dev.scraper.job.RunIds.next(); // warms the date and number formatting the first run id needs
    ClassLoader loader = Preload.class.getClassLoader();
    for (String name : CLASSES) {
      try {
        Class.forName(name, true, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        // only a head start: the class loads again, as usual, where it is used
      }
    }
  }
}
