package dev.scraper.testing.hostile;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The routes of one {@link HostileServer}, by path, and {@link #EXPECTED_ERROR}: what a scraper should report for
 * each.
 *
 * <h2>What Vert.x 5.0.10 reports</h2>
 * Observed by {@code HostileServerTest.vertxClientFailures} with {@code vertx.createHttpClient()} (default
 * {@code HttpClientOptions}: 8 KB max header size, 4 KB max initial line) and
 * {@code RequestOptions.setIdleTimeout(3000)}, outcomes read after 8 s.
 * "head" means the response future failed, "body" means the response arrived and {@code body()} failed:
 * <table>
 * <caption>Failure per route</caption>
 * <tr><th>route</th><th>stage</th><th>exception class: message</th></tr>
 * <tr><td>/bad-status</td><td>head</td>
 *     <td>{@code java.lang.NumberFormatException: For input string: "OK-ISH"}</td></tr>
 * <tr><td>/ssh-banner</td><td>head</td>
 *     <td>{@code java.lang.IllegalArgumentException: invalid version format: SSH-2.0-OPENSSH_9.6} (at once: no
 *     timeout involved)</td></tr>
 * <tr><td>/huge-header</td><td>head</td>
 *     <td>{@code io.netty.handler.codec.http.TooLongHttpHeaderException: HTTP header is larger than 8192 bytes.}</td>
 * </tr>
 * <tr><td>/many-headers</td><td>head</td><td>the same {@code TooLongHttpHeaderException}</td></tr>
 * <tr><td>/bad-chunking</td><td>body</td>
 *     <td>{@code java.lang.NumberFormatException: Invalid character in chunk size}</td></tr>
 * <tr><td>/short-body</td><td>body</td>
 *     <td>{@code io.vertx.core.http.HttpClosedException: Connection was closed}</td></tr>
 * <tr><td>/close-no-answer</td><td>head</td>
 *     <td>{@code io.vertx.core.http.HttpClosedException: Connection was closed}</td></tr>
 * <tr><td>/reset-mid-body</td><td>body</td><td>{@code java.net.SocketException: Connection reset}</td></tr>
 * <tr><td>/slow-headers</td><td>head</td>
 *     <td>{@code io.vertx.core.impl.NoStackTraceTimeoutException: The timeout period of 3000ms has been exceeded
 *     while executing GET /slow-headers for server 127.0.0.1:PORT} (a {@code java.util.concurrent.TimeoutException}:
 *     the bytes of an unfinished head do not count as data for the request idle timeout)</td></tr>
 * <tr><td>/stall</td><td>body</td>
 *     <td>nothing: still pending after 8 s. The request idle timeout is cancelled once the response head has
 *     arrived, so it does not cover the body; a fetcher needs its own body idle timer (or whole-request
 *     deadline)</td></tr>
 * <tr><td>/stall, client with {@code HttpClientOptions.setIdleTimeout(3000 ms)}</td><td>body</td>
 *     <td>{@code io.vertx.core.http.HttpClosedException: Connection was closed}: the connection idle timeout
 *     closes the connection and is indistinguishable from a truncated body (/short-body)</td></tr>
 * </table>
 * Vert.x also logs each of the parse and reset failures at SEVERE through its connection exception handler. For
 * classification: {@code NumberFormatException}, {@code IllegalArgumentException}, {@code TooLongFrameException}
 * (parent of {@code TooLongHttpHeaderException}) and {@code HttpClosedException} are protocol errors;
 * {@code java.util.concurrent.TimeoutException} (parent of {@code NoStackTraceTimeoutException}) is a timeout;
 * {@code SocketException: Connection reset} after the head is a truncated body, hence protocol (before any byte of
 * the head it would be {@code /flaky-close}-like, also protocol; only a refused or timed-out connect is
 * "connect").
 */
public final class HostileRoutes {
  /**
   * Fetch path (pass it to {@link HostileServer#url(String)}) to the SPEC error type a scraper configured with
   * {@code timeoutMs=5000, idleTimeoutMs=2000, connectTimeoutMs=2000, maxRedirects=5, maxBodyBytes=1048576,
   * retries=0} should report, robots.txt on or off (its /robots.txt answers 404: everything allowed), as the
   * tests do; any idle timeout above the slow routes' 500 ms gaps and any budget well under their 60 s give the same
   * types. A null value means success. Unmodifiable, in route order.
   */
  public static final Map<String, String> EXPECTED_ERROR;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("/slow-headers", "timeout"); // 500 ms gaps beat the idle timeout; only timeoutMs stops it
    m.put("/slow-body", "timeout"); // same, in the body
    m.put("/stall", "timeout"); // idle timeout after the head
    m.put("/reset-mid-body", "protocol"); // truncated body; the connection was up, so not "connect"
    m.put("/close-no-answer", "protocol");
    m.put("/redirect-loop", "too-many-redirects");
    m.put("/chain/30", "too-many-redirects");
    m.put("/chain/3", null);
    m.put("/redirect-file", "redirect-scheme");
    m.put("/redirect-ftp", "redirect-scheme");
    m.put("/redirect-FTP", "redirect-scheme");
    m.put("/redirect-data", "redirect-scheme");
    m.put("/redirect-HTTP", null); // upper-case scheme is still http; followed to /chain/0
    m.put("/huge-declared", "body-too-large"); // may be decided from Content-Length alone
    m.put("/endless-chunked", "body-too-large");
    m.put("/gzip-bomb", "body-too-large"); // maxBodyBytes counts bytes after decompression
    m.put("/short-body", "protocol");
    m.put("/bad-chunking", "protocol");
    m.put("/bad-status", "protocol");
    m.put("/huge-header", "protocol");
    m.put("/many-headers", "protocol"); // ~27 KB of headers; Vert.x's default maxHeaderSize is 8 KB
    m.put("/ssh-banner", "protocol"); // Vert.x fails the head at once (invalid version), no wait for a timeout
    m.put("/png-as-html", "not-html");
    m.put("/status429", "http-status");
    m.put("/status429-date", "http-status");
    m.put("/flaky503", "http-status"); // retries=0: the first answer, a 503, is final
    m.put("/flaky-close", "protocol"); // retries=0: the first attempt gets no answer
    m.put("/always500", "http-status");
    m.put("/ok", null);
    for (String name : CharsetRoute.EXPECTED.keySet()) {
      m.put(CharsetRoute.PREFIX + name, null);
    }
    EXPECTED_ERROR = Collections.unmodifiableMap(m);
  }

  private final Map<String, HostileRoute> exact = new HashMap<>();
  private final RobotsRoute robots = new RobotsRoute();
  private final ChainRoute chain = new ChainRoute();
  private final CharsetRoute charset = new CharsetRoute();

  HostileRoutes() {
    exact.put("/slow-headers", new SlowHeadersRoute());
    exact.put("/slow-body", new SlowBodyRoute());
    exact.put("/stall", new StallRoute());
    exact.put("/reset-mid-body", new ResetMidBodyRoute());
    exact.put("/close-no-answer", new CloseNoAnswerRoute());
    exact.put("/redirect-loop", RedirectRoute.to("/redirect-loop"));
    exact.put("/redirect-file", RedirectRoute.to("file:///etc/passwd"));
    exact.put("/redirect-ftp", RedirectRoute.to("ftp://127.0.0.1/x"));
    exact.put("/redirect-FTP", RedirectRoute.to("FTP://127.0.0.1/x"));
    exact.put("/redirect-data", RedirectRoute.to("data:text/html,<h1>x</h1>"));
    exact.put("/redirect-HTTP", new RedirectRoute(ex -> "HTTP://127.0.0.1:" + ex.server().port() + "/chain/0"));
    exact.put("/redirect-other-port", new RedirectRoute(ex -> {
      long port = ex.request().param("port", -1);
      return port > 0 && port < 65536 ? "http://127.0.0.1:" + port + "/page" : null;
    }));
    exact.put("/huge-declared", new HugeDeclaredRoute());
    exact.put("/endless-chunked", new EndlessChunkedRoute());
    exact.put("/gzip-bomb", new GzipBombRoute());
    exact.put("/short-body", new ShortBodyRoute());
    exact.put("/bad-chunking", new BadChunkingRoute());
    exact.put("/bad-status", new BadStatusRoute());
    exact.put("/huge-header", HeaderFloodRoute.huge());
    exact.put("/many-headers", HeaderFloodRoute.many());
    exact.put("/ssh-banner", new SshBannerRoute());
    exact.put("/png-as-html", new PngAsHtmlRoute());
    exact.put("/status429", new RetryAfterRoute(false));
    exact.put("/status429-date", new RetryAfterRoute(true));
    exact.put("/flaky503", FlakyRoute.with503());
    exact.put("/flaky-close", FlakyRoute.withClose());
    exact.put("/always500", new Always500Route());
    exact.put("/robots.txt", robots);
    exact.put("/ok", new OkRoute());
  }

  /** The route for dispatch path {@code path}; {@link NotFoundRoute} when none. */
  HostileRoute find(String path) {
    HostileRoute route = exact.get(path);
    if (route != null) {
      return route;
    }
    if (path.startsWith(ChainRoute.PREFIX)) {
      return chain;
    }
    if (path.startsWith(CharsetRoute.PREFIX)) {
      return charset;
    }
    return NotFoundRoute.INSTANCE;
  }

  RobotsRoute robots() {
    return robots;
  }
}
