package dev.scraper.robots;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import dev.scraper.config.Defaults;
import dev.scraper.config.FetchPolicy;
import dev.scraper.fetch.ErrorType;
import dev.scraper.fetch.FetchError;
import dev.scraper.fetch.FetchObserver;
import dev.scraper.fetch.FetchResult;
import dev.scraper.fetch.Fetcher;
import dev.scraper.internal.HostKeys;
import dev.scraper.parse.Bodies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * robots.txt per host and User-Agent: fetched once through the run's {@link Fetcher}, parsed off the event loop
 * with crawler-commons' {@link SimpleRobotRulesParser}, kept for {@link Defaults#ROBOTS_TTL_MS} (failures for the
 * shorter {@link Defaults#ROBOTS_ERROR_TTL_MS}). As RFC 9309 says: a 4xx answer allows everything; a 5xx
 * answer, a 429 or a timeout disallows everything for now. A host that cannot be reached at all (DNS, refused
 * connection) is left to fail on the page fetch itself, with that error. Owned by one event loop; concurrent
 * checks of one host share one fetch.
 */
public final class RobotsRules {
  static final int MAX_ENTRIES = 10_000;
  private final Vertx vertx;
  private final Fetcher fetcher;
  /** No Crawl-delay is too long to parse (the default parser refuses everything above 300 s); we cap it ourselves. */
  private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser(Long.MAX_VALUE, 5);
  private final Map<String, String> agentTokens = new java.util.HashMap<>();
  private final Map<String, Entry> cache = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  public RobotsRules(Vertx vertx, Fetcher fetcher) {
    this.vertx = vertx;
    this.fetcher = fetcher;
  }

  /** The verdict for {@code url} under {@code policy} (never fails). */
  public Future<RobotsVerdict> check(String url, FetchPolicy policy) {
    if (!policy.robotsTxt()) {
      return Future.succeededFuture(RobotsVerdict.ALLOWED);
    }
    String agent = agentTokens.computeIfAbsent(policy.userAgent(), RobotsRules::agentToken);
    String hostKey = HostKeys.of(url);
    String key = hostKey + " " + agent;
    long now = System.currentTimeMillis();
    Entry entry = cache.get(key);
    if (entry == null || entry.expires < now) {
      entry = new Entry(load(hostKey, agent, policy));
      Entry e = entry;
      cache.put(key, entry);
      entry.rules.onSuccess(r -> e.expires = System.currentTimeMillis()
          + (r.failure ? Defaults.ROBOTS_ERROR_TTL_MS : Defaults.ROBOTS_TTL_MS));
    }
    return entry.rules.map(r -> r.verdict(url, policy.maxCrawlDelayMs()));
  }

  private Future<Loaded> load(String hostKey, String agent, FetchPolicy policy) {
    String robotsUrl = robotsUrl(hostKey);
    FetchPolicy p = new FetchPolicy(1, 1, 0, Math.min(policy.timeoutMs(), Defaults.ROBOTS_TIMEOUT_MS),
        policy.connectTimeoutMs(), policy.idleTimeoutMs(), true, 5, Defaults.ROBOTS_MAX_BYTES, 1,
        List.of(500, 502, 503, 504), policy.userAgent(), policy.headers(), false, false, 5_000,
        policy.maxCrawlDelayMs());
    return fetcher.fetch(robotsUrl, p, FetchObserver.NONE)
        .compose(f -> interpret(f, robotsUrl, agent))
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
        return new Loaded(parser.parseContent(robotsUrl, bytes, f.contentType(), List.of(agent)), null, false);
      }, false);
    }
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
    // redirect problems, a body over the cap: treat robots.txt as absent
    return Future.succeededFuture(new Loaded(allowAll(), null, false));
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
  static String agentToken(String userAgent) {
    String first = userAgent.strip().split("[\\s/;(]", 2)[0];
    return first.isEmpty() ? "*" : first.toLowerCase(Locale.ROOT);
  }

  private record Loaded(BaseRobotRules rules, String unavailable, boolean failure) {
    RobotsVerdict verdict(String url, long maxCrawlDelayMs) {
      long delay = rules.getCrawlDelay();
      long capped = delay <= 0 ? 0 : Math.min(delay, maxCrawlDelayMs);
      if (unavailable != null) {
        return new RobotsVerdict(false, unavailable, capped);
      }
      if (!rules.isAllowed(url)) {
        return new RobotsVerdict(false, "disallowed by robots.txt", capped);
      }
      return new RobotsVerdict(true, null, capped);
    }
  }

  private static final class Entry {
    final Future<Loaded> rules;
    long expires = Long.MAX_VALUE;

    Entry(Future<Loaded> rules) {
      this.rules = rules;
    }
  }
}
