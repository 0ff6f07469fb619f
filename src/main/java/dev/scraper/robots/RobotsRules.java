package dev.scraper.robots;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import dev.scraper.config.Defaults;
import dev.scraper.config.FetchPolicy;
import dev.scraper.fetch.FetchError;
import dev.scraper.fetch.FetchResult;
import dev.scraper.parse.Bodies;
import dev.scraper.record.ErrorType;
import dev.scraper.url.WebUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * robots.txt per host and User-Agent, for every run of the engine: fetched once through {@link RobotsFetch},
 * parsed off the event loop with crawler-commons' {@link SimpleRobotRulesParser}, kept for
 * {@link Defaults#ROBOTS_TTL_MS} (failures for the shorter {@link Defaults#ROBOTS_ERROR_TTL_MS}). As RFC 9309 says:
 * a 4xx answer allows everything; a 5xx answer, a 429 or a timeout disallows everything for now. A host that cannot
 * be reached at all (DNS, refused connection) is left to fail on the page fetch itself, with that error.
 * {@link #verdict} answers from the cache only, so that a refusal is decided before a URL takes a start slot.
 * Owned by one event loop; concurrent loads of one host share one fetch.
 */
public final class RobotsRules {
  static final int MAX_ENTRIES = 10_000;
  /** Most bytes the cached rules may take, estimated from the robots.txt files they were parsed from. */
  static final long MAX_BYTES = 32L << 20;
  /** What an entry costs beside its rules (key, future, entry), estimated. */
  static final long ENTRY_BYTES = 512;
  private final Vertx vertx;
  private final RobotsFetch fetch;
  /** No Crawl-delay is too long to parse (the default parser refuses everything above 300 s); we cap it ourselves. */
  private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser(Long.MAX_VALUE, 5);
  private final Map<String, String> agentTokens = new HashMap<>();
  /** The estimated size of the cached rules, kept under {@link #MAX_BYTES} (a big robots.txt costs its size). */
  private long cachedBytes;
  private final Map<String, Entry> cache = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      if (size() > MAX_ENTRIES || cachedBytes > MAX_BYTES) {
        cachedBytes -= eldest.getValue().bytes;
        return true;
      }
      return false;
    }
  };

  public RobotsRules(Vertx vertx, RobotsFetch fetch) {
    this.vertx = vertx;
    this.fetch = fetch;
  }

  /** The verdict for {@code url} when its host's rules are known and fresh; null when they must be loaded first. */
  public RobotsVerdict verdict(WebUrl url, FetchPolicy policy) {
    if (!policy.robotsTxt()) {
      return RobotsVerdict.ALLOWED;
    }
    Entry e = cache.get(key(url, policy));
    if (e == null || !e.rules.succeeded() || e.expires < System.currentTimeMillis()) {
      return null;
    }
    return e.rules.result().verdict(url, policy.maxCrawlDelayMs());
  }

  /** The verdict for {@code url}, loading its host's rules first when they are not known (never fails). */
  public Future<RobotsVerdict> check(WebUrl url, FetchPolicy policy) {
    RobotsVerdict known = verdict(url, policy);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return entry(url, policy).rules.map(r -> r.verdict(url, policy.maxCrawlDelayMs()));
  }

  /**
   * The {@code Sitemap:} lines of the robots.txt of {@code url}'s host, as written, loading it when it is not known,
   * whether the job obeys robots.txt or not (never fails; empty when there is none or it cannot be read).
   */
  public Future<List<String>> sitemaps(WebUrl url, FetchPolicy policy) {
    return entry(url, policy).rules.map(r -> r.rules.getSitemaps());
  }

  /** The host's cache entry, fresh: loaded (once, however many ask meanwhile) when missing or expired. */
  private Entry entry(WebUrl url, FetchPolicy policy) {
    String key = key(url, policy);
    Entry entry = cache.get(key);
    if (entry == null || entry.expires < System.currentTimeMillis()) {
      entry = new Entry(load(url, agentToken(policy), policy));
      Entry e = entry;
      Entry expired = cache.put(key, entry);
      if (expired != null) {
        cachedBytes -= expired.bytes;
      }
      cachedBytes += e.bytes;
      entry.rules.onSuccess(r -> {
        e.expires = System.currentTimeMillis() + (r.failure ? Defaults.ROBOTS_ERROR_TTL_MS : Defaults.ROBOTS_TTL_MS);
        if (cache.get(key) == e) {
          cachedBytes += r.size;
          e.bytes += r.size;
        }
      });
    }
    return entry;
  }

  private String key(WebUrl url, FetchPolicy policy) {
    return url.hostKey() + " " + agentToken(policy);
  }

  private String agentToken(FetchPolicy policy) {
    return agentTokens.computeIfAbsent(policy.userAgent(), RobotsRules::agentToken);
  }

  private Future<Loaded> load(WebUrl url, String agent, FetchPolicy policy) {
    WebUrl robotsUrl = WebUrl.parse(robotsUrl(url.hostKey()));
    FetchPolicy p = new FetchPolicy(1, policy.perHost(), policy.delayMs(),
        Math.min(policy.timeoutMs(), Defaults.ROBOTS_TIMEOUT_MS), policy.connectTimeoutMs(), policy.idleTimeoutMs(),
        true, 5, Defaults.ROBOTS_MAX_BYTES, 1, List.of(500, 502, 503, 504), policy.userAgent(), policy.headers(),
        false, policy.throttle(), 5_000, policy.maxCrawlDelayMs(), Defaults.METHOD, Defaults.EXPECT_STATUS,
        policy.tlsProxy());
    return fetch.fetch(robotsUrl, p)
        .compose(f -> interpret(f, robotsUrl.toString(), agent))
        .recover(e -> Future.succeededFuture(new Loaded(allowAll(), null, true))); // kept for the error TTL
  }

  private Future<Loaded> interpret(FetchResult f, String robotsUrl, String agent) {
    if (f.ok()) {
      return vertx.executeBlocking(() -> {
        byte[] bytes;
        try {
          bytes = Bodies.decode(f.body(), f.contentEncoding(), Defaults.ROBOTS_MAX_BYTES);
        } catch (FetchError e) {
          return new Loaded(allowAll(), null, false); // unreadable or too big: as if absent
        }
        return new Loaded(parser.parseContent(robotsUrl, bytes, f.contentType(), List.of(agent)), null, false,
            2L * bytes.length);
      }, false).eventually(() -> {
        f.release();
        return Future.succeededFuture();
      });
    }
    f.release();
    ErrorType type = f.error().type();
    Integer status = f.status();
    if (type == ErrorType.HTTP_STATUS && status != null && status >= 400 && status < 500 && status != 429) {
      return Future.succeededFuture(new Loaded(allowAll(), null, false));
    }
    if (type == ErrorType.DNS || type == ErrorType.CONNECT || type == ErrorType.TLS) {
      return Future.succeededFuture(new Loaded(allowAll(), null, true));
    }
    if (type == ErrorType.HTTP_STATUS || type == ErrorType.TIMEOUT || type == ErrorType.PROTOCOL) {
      String why = "robots.txt unavailable (" + (status != null ? "HTTP " + status : type.wire())
          + "); RFC 9309 says to assume everything is disallowed until it answers";
      return Future.succeededFuture(new Loaded(new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_NONE),
          why, true));
    }
    // redirect problems, a body over the cap, the run stopping: treat robots.txt as absent for now
    return Future.succeededFuture(new Loaded(allowAll(), null, true));
  }

  private static BaseRobotRules allowAll() {
    return new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL);
  }

  /** {@code http://host:80} → {@code http://host/robots.txt} (default ports left out). */
  static String robotsUrl(String hostKey) {
    String base = hostKey.endsWith(":80") && hostKey.startsWith("http:") ? hostKey.substring(0, hostKey.length() - 3)
        : hostKey.endsWith(":443") && hostKey.startsWith("https:") ? hostKey.substring(0, hostKey.length() - 4)
        : hostKey;
    return base + "/robots.txt";
  }

  /** The robots.txt product token of a User-Agent: its first word before '/', lower-cased ("scraper/1.0" → "scraper"). */
  public static String agentToken(String userAgent) {
    String first = userAgent.strip().split("[\\s/;(]", 2)[0];
    return first.isEmpty() ? "*" : first.toLowerCase(Locale.ROOT);
  }

  /** @param size the estimated bytes the rules hold (twice the robots.txt they came from) */
  private record Loaded(BaseRobotRules rules, String unavailable, boolean failure, long size) {
    Loaded(BaseRobotRules rules, String unavailable, boolean failure) {
      this(rules, unavailable, failure, 0);
    }

    RobotsVerdict verdict(WebUrl url, long maxCrawlDelayMs) {
      long delay = rules.getCrawlDelay();
      long capped = delay <= 0 ? 0 : Math.min(delay, maxCrawlDelayMs);
      if (unavailable != null) {
        return new RobotsVerdict(false, unavailable, capped);
      }
      if (!rules.isAllowed(url.toString())) {
        return new RobotsVerdict(false, "disallowed by robots.txt", capped);
      }
      return new RobotsVerdict(true, null, capped);
    }
  }

  private static final class Entry {
    final Future<Loaded> rules;
    long expires = Long.MAX_VALUE;
    long bytes = ENTRY_BYTES;

    Entry(Future<Loaded> rules) {
      this.rules = rules;
    }
  }
}
