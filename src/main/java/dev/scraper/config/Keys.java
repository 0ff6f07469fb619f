package dev.scraper.config;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The keys each object of conf.json knows, in SPEC order, and the messages for keys that are unknown, misplaced or
 * not supported yet.
 */
final class Keys {
  /** Keys of the config root. */
  static final List<String> ROOT = List.of("defaults", "jobs", "http", "dataDir", "outputDir", "quiet",
      "memoryBudgetBytes", "fresh", "shutdownGraceMs", "logFormat");
  /** Keys that set how a job fetches: allowed in "defaults" and in each job. */
  static final List<String> FETCH = List.of("concurrency", "perHost", "delayMs", "timeoutMs", "connectTimeoutMs",
      "idleTimeoutMs", "followRedirects", "maxRedirects", "maxBodyBytes", "retries", "retryOn", "userAgent", "headers",
      "robotsTxt", "throttle", "maxRetryAfterMs", "maxCrawlDelayMs", "method", "expectStatus", "tls", "proxy");
  /** Keys only a job has. */
  static final List<String> JOB_ONLY = List.of("name", "urls", "urlsFile", "sitemap", "sitemapFromRobots",
      "follow", "extract", "schedule", "maxRunMs", "output", "notify");
  /** Keys of "notify". */
  static final List<String> NOTIFY = List.of("webhook");
  /** Keys of a job: its own, then the fetch keys. */
  static final List<String> JOB = Stream.concat(JOB_ONLY.stream(), FETCH.stream()).toList();
  /** Keys of an extract field given as an object. */
  static final List<String> FIELD = List.of("css", "attr", "all", "html");
  /** Keys of "tls". */
  static final List<String> TLS = List.of("caFile", "insecure");
  /** Keys of a job's output. */
  static final List<String> OUTPUT = List.of("path", "format", "onlyChanged", "keepRuns");

  private Keys() {
  }

  /**
   * Records an unknown key: a hint where it belongs when it is a key of another object, else the closest known key,
   * else the list of known keys.
   *
   * @param parent the JSON path of the object holding the key
   * @param key the unknown key
   * @param known the keys that object knows
   */
  static void unknown(String parent, String key, List<String> known, Problems problems) {
    String path = Values.child(parent, key);
    if (parent.isEmpty() && FETCH.contains(key)) {
      problems.add(path, "unknown key '" + key + "' at the top level; put it in \"defaults\" or in a job");
      return;
    }
    if (parent.isEmpty() && JOB_ONLY.contains(key)) {
      problems.add(path, "unknown key '" + key + "' at the top level; put it in a job inside \"jobs\"");
      return;
    }
    if (parent.equals("defaults") && JOB_ONLY.contains(key)) {
      problems.add(path, "'" + key + "' cannot be set in \"defaults\"; set it on each job");
      return;
    }
    Optional<String> suggestion = Suggest.closest(key, known);
    if (suggestion.isPresent()) {
      problems.add(path, "unknown key '" + key + "'; did you mean '" + suggestion.get() + "'?");
    } else {
      problems.add(path, "unknown key '" + key + "'; known keys: " + String.join(", ", known));
    }
  }

  /** Records a known key this release does not support: {@code not supported yet (reason); remove this key}. */
  static void notSupported(String path, String reason, Problems problems) {
    problems.add(path, "not supported yet (" + reason + "); remove this key");
  }

  /** As {@link #notSupported}, when one value that matches today's behaviour is accepted: {@code set X or remove}. */
  static void notSupported(String path, String reason, String accepted, Problems problems) {
    problems.add(path, "not supported yet (" + reason + "); set " + accepted + " or remove this key");
  }
}
