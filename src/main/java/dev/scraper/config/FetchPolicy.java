package dev.scraper.config;

import java.util.List;
import java.util.Map;

/**
 * How one job fetches: bounds, budgets and headers. Every value is already validated.
 *
 * @param concurrency requests in flight for the job, all hosts together (1..10000)
 * @param perHost requests in flight to one host (1..concurrency is not required; min(perHost, concurrency) applies)
 * @param delayMs least gap between two request starts to one host
 * @param timeoutMs wall-clock budget for one URL, redirects included
 * @param connectTimeoutMs budget to open a connection
 * @param idleTimeoutMs longest silence while reading a response
 * @param followRedirects follow 3xx answers
 * @param maxRedirects most hops followed
 * @param maxBodyBytes largest body accepted after decompression
 * @param retries extra attempts on network errors, timeouts and retryOn statuses
 * @param retryOn statuses that are retried
 * @param userAgent the User-Agent header
 * @param headers extra request headers, in config order
 * @param robotsTxt obey robots.txt and its Crawl-delay
 * @param throttle adapt the pace per host to 429/503 answers and rising latency
 * @param maxRetryAfterMs the longest Retry-After honoured
 * @param maxCrawlDelayMs the longest Crawl-delay honoured (longer ones are capped)
 * @param method "GET", or "HEAD" for probes that need no body
 * @param expectStatus the final statuses that are a success (any other is an http-status error); empty for the
 *     usual rule (below 400)
 * @param tlsProxy the certificates trusted and the proxy used
 */
public record FetchPolicy(int concurrency, int perHost, long delayMs, long timeoutMs, long connectTimeoutMs,
                          long idleTimeoutMs, boolean followRedirects, int maxRedirects, long maxBodyBytes,
                          int retries, List<Integer> retryOn, String userAgent, Map<String, String> headers,
                          boolean robotsTxt, boolean throttle, long maxRetryAfterMs, long maxCrawlDelayMs,
                          String method, List<Integer> expectStatus, TlsProxy tlsProxy) {
  public FetchPolicy {
    retryOn = List.copyOf(retryOn);
    java.util.Objects.requireNonNull(tlsProxy, "tlsProxy");
    headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    expectStatus = List.copyOf(expectStatus);
  }

  /** A GET policy with the usual status rule, the JVM's certificate checks and no proxy. */
  public FetchPolicy(int concurrency, int perHost, long delayMs, long timeoutMs, long connectTimeoutMs,
                     long idleTimeoutMs, boolean followRedirects, int maxRedirects, long maxBodyBytes, int retries,
                     List<Integer> retryOn, String userAgent, Map<String, String> headers, boolean robotsTxt,
                     boolean throttle, long maxRetryAfterMs, long maxCrawlDelayMs) {
    this(concurrency, perHost, delayMs, timeoutMs, connectTimeoutMs, idleTimeoutMs, followRedirects, maxRedirects,
        maxBodyBytes, retries, retryOn, userAgent, headers, robotsTxt, throttle, maxRetryAfterMs, maxCrawlDelayMs,
        Defaults.METHOD, Defaults.EXPECT_STATUS, TlsProxy.DEFAULT);
  }

  /** Whether requests carry no body back (HEAD). */
  public boolean head() {
    return "HEAD".equals(method);
  }

  /** The same policy with {@code n} requests in flight for the job (a run that shares its work in a cluster). */
  public FetchPolicy withConcurrency(int n) {
    return new FetchPolicy(n, perHost, delayMs, timeoutMs, connectTimeoutMs, idleTimeoutMs, followRedirects,
        maxRedirects, maxBodyBytes, retries, retryOn, userAgent, headers, robotsTxt, throttle, maxRetryAfterMs,
        maxCrawlDelayMs, method, expectStatus, tlsProxy);
  }

  /** The same policy with {@code extra} request headers added (they replace same-named ones). */
  public FetchPolicy withHeaders(Map<String, String> extra) {
    Map<String, String> all = new java.util.LinkedHashMap<>(headers);
    all.putAll(extra);
    return new FetchPolicy(concurrency, perHost, delayMs, timeoutMs, connectTimeoutMs, idleTimeoutMs, followRedirects,
        maxRedirects, maxBodyBytes, retries, retryOn, userAgent, all, robotsTxt, throttle, maxRetryAfterMs,
        maxCrawlDelayMs, method, expectStatus, tlsProxy);
  }

  /** The policy with every default applied. */
  public static FetchPolicy defaults() {
    return new FetchPolicy(Defaults.CONCURRENCY, Defaults.PER_HOST, Defaults.DELAY_MS, Defaults.TIMEOUT_MS,
        Defaults.CONNECT_TIMEOUT_MS, Defaults.IDLE_TIMEOUT_MS, Defaults.FOLLOW_REDIRECTS, Defaults.MAX_REDIRECTS,
        Defaults.MAX_BODY_BYTES, Defaults.RETRIES, Defaults.RETRY_ON, Defaults.USER_AGENT, Defaults.HEADERS,
        Defaults.ROBOTS_TXT, Defaults.THROTTLE, Defaults.MAX_RETRY_AFTER_MS, Defaults.MAX_CRAWL_DELAY_MS,
        Defaults.METHOD, Defaults.EXPECT_STATUS, TlsProxy.DEFAULT);
  }
}
