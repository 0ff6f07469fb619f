package dev.scraper.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the fetch keys of "defaults" or of a job into settings, and merges them into a {@link FetchPolicy}
 * (built-in defaults, then "defaults", then the job).
 */
final class FetchReader {
  /** An HTTP header name: an RFC 9110 token. */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private FetchReader() {
  }

  /**
   * Validates one fetch key and puts its value into {@code settings} when valid.
   *
   * @param key one of {@link Keys#FETCH}
   * @param value its JSON value
   * @param path the JSON path of the key
   * @param settings key to validated value (Long, Boolean, String, a header map, or what {@link TlsProxyReader}
   *     reads for "tls" and "proxy")
   * @param workDir the directory a relative "tls.caFile" is resolved against
   */
  static void read(String key, Object value, String path, Map<String, Object> settings, Path workDir,
                   Problems problems) {
    Object valid = switch (key) {
      case "concurrency" -> Values.integer(value, 1, Defaults.MAX_CONCURRENCY, path, problems);
      case "perHost" -> Values.integer(value, 1, Defaults.MAX_PER_HOST, path, problems);
      case "timeoutMs", "connectTimeoutMs", "idleTimeoutMs" ->
          Values.integer(value, 1, Integer.MAX_VALUE, path, problems);
      case "delayMs" -> Values.integer(value, 0, Integer.MAX_VALUE, path, problems);
      case "maxRedirects" -> Values.integer(value, 0, 100, path, problems);
      case "maxBodyBytes" -> Values.integer(value, 1, Long.MAX_VALUE, path, problems);
      case "followRedirects" -> Values.bool(value, path, problems);
      case "userAgent" -> Values.nonBlank(value, path, "scraper/1.0 (+mailto:me@example.com)", problems);
      case "headers" -> headers(value, path, problems);
      case "retries" -> Values.integer(value, 0, Defaults.MAX_RETRIES, path, problems);
      case "retryOn" -> statuses(value, path, problems);
      case "robotsTxt", "throttle" -> Values.bool(value, path, problems);
      case "method" -> method(value, path, problems);
      case "expectStatus" -> statuses(value, path, problems);
      case "maxRetryAfterMs", "maxCrawlDelayMs" -> Values.integer(value, 0, Integer.MAX_VALUE, path, problems);
      case "tls" -> TlsProxyReader.tls(value, path, workDir, problems);
      case "proxy" -> TlsProxyReader.proxy(value, path, problems);
      default -> throw new IllegalArgumentException("not a fetch key: " + key);
    };
    if (valid != null) {
      settings.put(key, valid);
    }
  }

  /** The policy of a job: built-in defaults, overridden by "defaults", overridden by the job. */
  static FetchPolicy policy(Map<String, Object> defaults, Map<String, Object> job) {
    Map<String, Object> merged = new LinkedHashMap<>(defaults);
    merged.putAll(job);
    return new FetchPolicy(
        (int) number(merged, "concurrency", Defaults.CONCURRENCY),
        (int) number(merged, "perHost", Defaults.PER_HOST),
        number(merged, "delayMs", Defaults.DELAY_MS),
        number(merged, "timeoutMs", Defaults.TIMEOUT_MS),
        number(merged, "connectTimeoutMs", Defaults.CONNECT_TIMEOUT_MS),
        number(merged, "idleTimeoutMs", Defaults.IDLE_TIMEOUT_MS),
        (Boolean) merged.getOrDefault("followRedirects", Defaults.FOLLOW_REDIRECTS),
        (int) number(merged, "maxRedirects", Defaults.MAX_REDIRECTS),
        number(merged, "maxBodyBytes", Defaults.MAX_BODY_BYTES),
        (int) number(merged, "retries", Defaults.RETRIES),
        retryOn(merged),
        (String) merged.getOrDefault("userAgent", Defaults.USER_AGENT),
        mergeHeaders(headerMap(defaults), headerMap(job)),
        (Boolean) merged.getOrDefault("robotsTxt", Defaults.ROBOTS_TXT),
        (Boolean) merged.getOrDefault("throttle", Defaults.THROTTLE),
        number(merged, "maxRetryAfterMs", Defaults.MAX_RETRY_AFTER_MS),
        number(merged, "maxCrawlDelayMs", Defaults.MAX_CRAWL_DELAY_MS),
        (String) merged.getOrDefault("method", Defaults.METHOD),
        statusList(merged, "expectStatus", Defaults.EXPECT_STATUS),
        TlsProxyReader.merge(defaults, job));
  }

  private static long number(Map<String, Object> settings, String key, long fallback) {
    Object v = settings.get(key);
    return v == null ? fallback : (Long) v;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> headerMap(Map<String, Object> settings) {
    return (Map<String, String>) settings.getOrDefault("headers", Map.of());
  }

  /** Built-in headers, then "defaults", then the job; a later header replaces an earlier one of the same name. */
  private static Map<String, String> mergeHeaders(Map<String, String> defaults, Map<String, String> job) {
    Map<String, String> merged = new LinkedHashMap<>(Defaults.HEADERS);
    for (Map<String, String> layer : java.util.List.of(defaults, job)) {
      layer.forEach((name, value) -> {
        merged.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        merged.put(name, value);
      });
    }
    return merged;
  }

  private static Map<String, String> headers(Object value, String path, Problems problems) {
    JsonObject json = Values.object(value, path, "{\"Accept-Language\": \"en\"}", problems);
    if (json == null) {
      return null;
    }
    int before = problems.size();
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : json.fieldNames()) {
      String headerPath = Values.child(path, name);
      String headerValue = Values.string(json.getValue(name), headerPath, problems);
      if (!HEADER_NAME.matcher(name).matches()) {
        problems.add(headerPath, "'" + name + "' is not a valid header name; use letters, digits and '-'");
      } else if (headerValue != null && headerValue.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
        problems.add(headerPath, "the value must not contain line breaks; give it on one line");
      } else if (headerValue != null) {
        headers.put(name, headerValue);
      }
    }
    return problems.size() == before ? headers : null;
  }

  private static java.util.List<Integer> retryOn(Map<String, Object> settings) {
    return statusList(settings, "retryOn", Defaults.RETRY_ON);
  }

  @SuppressWarnings("unchecked")
  private static java.util.List<Integer> statusList(Map<String, Object> settings, String key,
                                                    java.util.List<Integer> fallback) {
    return (java.util.List<Integer>) settings.getOrDefault(key, fallback);
  }

  /** GET or HEAD (any case given, upper-cased). */
  private static String method(Object value, String path, Problems problems) {
    String m = Values.string(value, path, problems);
    if (m == null) {
      return null;
    }
    String upper = m.strip().toUpperCase(java.util.Locale.ROOT);
    if (!upper.equals("GET") && !upper.equals("HEAD")) {
      problems.add(path, "unsupported method '" + m + "'; use \"GET\" (the default) or \"HEAD\" (no body, for "
          + "probes)");
      return null;
    }
    return upper;
  }

  /** A list of HTTP statuses (100-599), e.g. [429, 503]. */
  private static java.util.List<Integer> statuses(Object value, String path, Problems problems) {
    io.vertx.core.json.JsonArray array = Values.array(value, path, "[429, 503]", problems);
    if (array == null) {
      return null;
    }
    int before = problems.size();
    java.util.List<Integer> out = new java.util.ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Long status = Values.integer(array.getValue(i), 100, 599, Values.element(path, i), problems);
      if (status != null) {
        out.add(status.intValue());
      }
    }
    return problems.size() == before ? java.util.List.copyOf(out) : null;
  }
}
