package dev.scraper.config;

import java.util.List;
import java.util.Map;

/**
 * Every default of the config, in one place. The README's table lists these; no other class holds a literal
 * fallback for a config key.
 */
public final class Defaults {
  private Defaults() {
  }

  /** The version reported in the default User-Agent. */
  public static final String VERSION = version();

  /** Requests in flight for one job, all hosts together. */
  public static final int CONCURRENCY = 64;
  /** Requests in flight to one host (scheme, host and port) within one job. */
  public static final int PER_HOST = 8;
  /** Least gap between two request starts to one host, in milliseconds. */
  public static final long DELAY_MS = 0;
  /** Wall-clock budget for one URL (connect, headers, body, redirects), in milliseconds. */
  public static final long TIMEOUT_MS = 30_000;
  /** Budget to open a TCP connection, in milliseconds. */
  public static final long CONNECT_TIMEOUT_MS = 5_000;
  /** No byte received for this long counts as a timeout, in milliseconds. */
  public static final long IDLE_TIMEOUT_MS = 10_000;
  /** Whether 3xx answers are followed. */
  public static final boolean FOLLOW_REDIRECTS = true;
  /** Most redirect hops followed for one URL. */
  public static final int MAX_REDIRECTS = 5;
  /** Largest body accepted, in bytes after decompression. */
  public static final long MAX_BODY_BYTES = 10L * 1024 * 1024;
  /** Extra attempts on network errors, timeouts and retryOn statuses. */
  public static final int RETRIES = 2;
  /** Statuses that are retried. */
  public static final List<Integer> RETRY_ON = List.of(429, 500, 502, 503, 504);
  /** The User-Agent header sent with every request. */
  public static final String USER_AGENT = "scraper/" + VERSION;
  /** Extra request headers. */
  public static final Map<String, String> HEADERS = Map.of();
  /** Whether robots.txt is obeyed. */
  public static final boolean ROBOTS_TXT = true;
  /** Whether the adaptive per-host throttle is on. */
  public static final boolean THROTTLE = true;
  /** Longest Retry-After honoured, in milliseconds; a longer one ends the URL with http-status. */
  public static final long MAX_RETRY_AFTER_MS = 60_000;
  /** Longest robots.txt Crawl-delay honoured, in milliseconds; a longer one is capped to this. */
  public static final long MAX_CRAWL_DELAY_MS = 30_000;
  /** Extra trusted certificate authorities (a PEM file), on top of the JVM's; none by default. */
  public static final java.nio.file.Path TLS_CA_FILE = null;
  /** Whether certificates go unchecked (trust, expiry, host name). */
  public static final boolean TLS_INSECURE = false;
  /** The proxy requests go through; none by default. */
  public static final ProxySpec PROXY = null;

  /** The request method: GET, or HEAD for probes that need no body. */
  public static final String METHOD = "GET";
  /** Final statuses that are a success; empty = any status below 400. */
  public static final List<Integer> EXPECT_STATUS = List.of();

  /** follow.sameHost: only links to the seeds' hosts are followed. */
  public static final boolean FOLLOW_SAME_HOST = true;
  /** follow.scope: "host", or "domain" for the registrable domain. */
  public static final String FOLLOW_SCOPE = "host";
  /** follow.maxDepth: links followed from a seed, at most. */
  public static final int FOLLOW_MAX_DEPTH = 10;
  /** follow.maxPages: URLs admitted (each gets a record), seeds included, at most. */
  public static final long FOLLOW_MAX_PAGES = 100_000;
  /** follow.nofollow: rel=nofollow, meta robots and X-Robots-Tag are honoured. */
  public static final boolean FOLLOW_NOFOLLOW = true;
  /** follow.canonical: a page's canonical URL counts as seen. */
  public static final boolean FOLLOW_CANONICAL = false;
  /** follow.maxUrlLength: links longer than this many characters are dropped. */
  public static final int FOLLOW_MAX_URL_LENGTH = 2048;
  /** follow.maxPagesPerHost: URLs admitted per host, at most. */
  public static final long FOLLOW_MAX_PAGES_PER_HOST = 50_000;
  /** follow.maxQueryVariants: distinct query strings of one path admitted, at most. */
  public static final int FOLLOW_MAX_QUERY_VARIANTS = 100;
  /** follow.removeParams: tracking parameters removed from followed links. */
  public static final List<String> FOLLOW_REMOVE_PARAMS = List.of("utm_source", "utm_medium", "utm_campaign",
      "utm_term", "utm_content", "gclid", "fbclid", "msclkid");

  /** Output format of a job. */
  public static final String OUTPUT_FORMAT = "jsonl";
  /** Whether only records whose fields changed since the last run are written. */
  public static final boolean ONLY_CHANGED = false;
  /**
   * URLs of one run kept in the cluster's checkpoint (one backup), so that another node can take the run over when
   * its owner dies; a run with more gives up its checkpoint (its takeover then needs the owner's dataDir on shared
   * storage). About 150 bytes each, twice (the backup).
   */
  public static final int CHECKPOINT_URLS = 100_000;
  /** URLs whose last fields and validators the engine keeps in memory for change detection (all jobs). */
  public static final int CHANGE_ENTRIES = 100_000;
  /**
   * In a cluster, URLs whose last answers each job keeps in its cluster map for whichever node runs it next; beyond
   * that, the entries written longest ago go (their next answer is a change).
   */
  public static final int CLUSTER_CHANGE_ENTRIES = 100_000;
  /** Directory every output path must stay inside; relative to the working directory. */
  public static final String OUTPUT_DIR = ".";
  /** output.keepRuns: per-run files ("{run}" in output.path) of a job kept, the newest, the current one included. */
  public static final int KEEP_RUNS = 10;
  /** The most per-run files a job may keep. */
  public static final int MAX_KEEP_RUNS = 100_000;

  /** schedule: none, the job runs once at start. */
  public static final String SCHEDULE = null;
  /** The time zone a cron schedule is read in when it names none. */
  public static final String SCHEDULE_TIME_ZONE = "UTC";
  /** The most random delay added to each slot of a schedule. */
  public static final java.time.Duration SCHEDULE_JITTER = java.time.Duration.ZERO;
  /** maxRunMs: none, a run may take as long as it takes (-1). */
  public static final long MAX_RUN_MS = -1;

  /** http.host: the management API listens on the loopback interface only. */
  public static final String HTTP_HOST = "127.0.0.1";
  /** http.port: the management API's TCP port (0 = a free one, printed at start). */
  public static final int HTTP_PORT = 8088;
  /** http.token: none; with one, every endpoint but /health asks for it. */
  public static final String HTTP_TOKEN = null;
  /** The fewest characters a token may have. */
  public static final int HTTP_TOKEN_MIN_CHARS = 16;
  /** Largest request body the management API reads, in bytes; a larger one gets 413. */
  public static final long HTTP_BODY_LIMIT_BYTES = 1024 * 1024;
  /** Finished runs kept in memory per job (summaries, GET /runs/{id}); older ones are forgotten. */
  public static final int HTTP_RUNS_KEPT = 10;
  /** Records of a run kept in memory for a client that starts reading GET /runs/{id}/records late. */
  public static final int HTTP_RECORDS_REPLAYED = 1000;
  /** Records a slow reader of GET /runs/{id}/records may fall behind before it is disconnected. */
  public static final int HTTP_RECORDS_BEHIND = 10_000;
  /** Hosts with a label of their own on /metrics; the others are counted as host="other". */
  public static final int METRICS_HOSTS = 20;

  /**
   * shutdownGraceMs: on SIGTERM/SIGINT, how long the requests in flight (and their parse) may go on to their records
   * before what is left is cancelled, in ms; 0 cancels at once.
   */
  public static final long SHUTDOWN_GRACE_MS = 10_000;
  /** The longest grace: the shutdown hook that closes Vert.x waits 2 minutes, outputs must be flushed within it. */
  public static final long MAX_SHUTDOWN_GRACE_MS = 60_000;
  /** The most jobs a process with the management API holds (POST /jobs refuses more with 409). */
  public static final int HTTP_MAX_JOBS = 500;
  /** Run summaries kept per job: in memory, and in {@code <dataDir>/<job>/runs.jsonl} with dataDir. */
  public static final int SUMMARIES_KEPT = 100;
  /** Runs of up to this many URLs have each URL's status and latency in their summary. */
  public static final int SUMMARY_URLS = 500;
  /** Hosts listed with latency percentiles of their own in a run summary (the busiest); the rest are "other". */
  public static final int SUMMARY_HOSTS = 20;
  /** Hosts a run's summary follows one by one; hosts first seen after these many count as "other" at once. */
  public static final int SUMMARY_HOSTS_TRACKED = 200;

  /** logFormat: "text" (lines for people) or "json" (one JSON object a line, for a log collector). */
  public static final String LOG_FORMAT = "text";

  /** Print only the summary. */
  public static final boolean QUIET = false;
  /** With {@code dataDir}: start every job over, ignoring (and replacing) an unfinished run's saved state. */
  public static final boolean FRESH = false;

  /** Share of the JVM's largest heap that the memory budget gets when {@code memoryBudgetBytes} is not set. */
  public static final double MEMORY_BUDGET_HEAP_SHARE = 0.4;
  /** A page being parsed holds about this many times its decoded size (Jsoup's tree, measured at 2.4x-16x). */
  public static final long PARSE_MEMORY_FACTOR = 10;
  /** A compressed body is guessed to decode to this many times its size, up to maxBodyBytes. */
  public static final long COMPRESSION_ESTIMATE = 8;

  /** Upper bounds that keep a typo from exhausting the machine. */
  public static final int MAX_CONCURRENCY = 10_000;
  /**
   * Most requests in flight to one host, whatever perHost says: the client keeps this many connection slots per
   * host, so the engine never has to queue in the client's pool.
   */
  public static final int MAX_PER_HOST = 256;
  /** Most retries allowed for one URL. */
  public static final int MAX_RETRIES = 10;
  /** How long robots.txt rules are kept, in milliseconds. */
  public static final long ROBOTS_TTL_MS = 6 * 3600_000L;
  /** How long a failed robots.txt fetch is remembered before it is tried again, in milliseconds. */
  public static final long ROBOTS_ERROR_TTL_MS = 10 * 60_000L;
  /** Budget for fetching one robots.txt, in milliseconds. */
  public static final long ROBOTS_TIMEOUT_MS = 10_000;
  /** Largest robots.txt read, in bytes (RFC 9309 asks for at least 500 KiB); a larger one is treated as absent. */
  public static final long ROBOTS_MAX_BYTES = 512 * 1024;
  /** Whether a job also reads the sitemaps named by the robots.txt of the hosts of its urls and sitemaps. */
  public static final boolean SITEMAP_FROM_ROBOTS = false;
  /** Largest sitemap read, in bytes after decompression (the sitemaps protocol's 50 MiB); larger = not read. */
  public static final long SITEMAP_MAX_BYTES = 50L * 1024 * 1024;
  /** Most URLs taken from one sitemap, or sitemaps from one index (the protocol's limit); the rest are dropped. */
  public static final int SITEMAP_MAX_URLS = 50_000;
  /** How far below a sitemap given its indexes are followed: sitemaps listed deeper (indexes in indexes) are skipped. */
  public static final int SITEMAP_MAX_DEPTH = 3;

  /** The memory budget when the config does not set one: a share of the JVM's largest heap. */
  public static long memoryBudget(long maxHeapBytes) {
    return (long) (maxHeapBytes * MEMORY_BUDGET_HEAP_SHARE);
  }

  private static String version() {
    String v = Defaults.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
