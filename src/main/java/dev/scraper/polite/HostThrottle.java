package dev.scraper.polite;

import dev.scraper.fetch.FetchObserver;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The pace of each host, learned from its answers. A 429 or 503 pauses the host for everyone (for its
 * Retry-After, or for the current gap) and doubles the gap between starts; latency rising well above the host's
 * best lets the gap grow by half; every other answer shrinks it by a tenth, so a host recovers slowly. A robots.txt
 * Crawl-delay sets a floor under the gap. With the adaptive part off only Crawl-delay applies. Remembers at most
 * {@value #MAX_HOSTS} hosts (least recently used go first). Owned by one event loop.
 */
public final class HostThrottle implements Pacing, FetchObserver {
  static final int MAX_HOSTS = 100_000;
  /** First gap after a 429/503, in ms. */
  static final long FIRST_BACKOFF_MS = 500;
  /** Largest gap the throttle sets, in ms. */
  static final long MAX_GAP_MS = 60_000;
  private final boolean adaptive;
  private final LongSupplier clock;
  private final Map<String, State> hosts = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
      return size() > MAX_HOSTS;
    }
  };
  private long slowdowns;

  /**
   * @param adaptive react to 429/503 and latency ({@code throttle} in the config)
   * @param clock ms, the same clock as the {@link HostQueues} it paces
   */
  public HostThrottle(boolean adaptive, LongSupplier clock) {
    this.adaptive = adaptive;
    this.clock = clock;
  }

  @Override
  public long gapMs(String hostKey) {
    State s = hosts.get(hostKey);
    return s == null ? 0 : Math.max(s.crawlDelayMs, Math.round(s.gapMs));
  }

  @Override
  public long notBefore(String hostKey) {
    State s = hosts.get(hostKey);
    return s == null ? 0 : s.pausedUntil;
  }

  /** Sets the host's robots.txt Crawl-delay (already capped). */
  public void crawlDelay(String hostKey, long ms) {
    if (ms > 0) {
      state(hostKey).crawlDelayMs = ms;
    }
  }

  /** How many times a host asked us to slow down (429/503). */
  public long slowdowns() {
    return slowdowns;
  }

  @Override
  public void answered(String hostKey, Integer status, long latencyMs, long retryAfterMs) {
    if (!adaptive || status == null) {
      return;
    }
    State s = state(hostKey);
    if (status == 429 || status == 503) {
      slowdowns++;
      s.gapMs = Math.min(MAX_GAP_MS, Math.max(FIRST_BACKOFF_MS, s.gapMs * 2));
      long pause = retryAfterMs >= 0 ? Math.min(retryAfterMs, MAX_GAP_MS) : Math.round(s.gapMs);
      s.pausedUntil = Math.max(s.pausedUntil, clock.getAsLong() + pause);
      return;
    }
    s.latencyAvg = s.latencyAvg < 0 ? latencyMs : 0.8 * s.latencyAvg + 0.2 * latencyMs;
    s.latencyBest = s.latencyBest < 0 ? s.latencyAvg : Math.min(s.latencyBest, s.latencyAvg);
    if (s.latencyAvg > 3 * s.latencyBest + 200) {
      s.gapMs = Math.min(MAX_GAP_MS, Math.max(50, s.gapMs * 1.5));
      s.latencyBest = Math.max(s.latencyBest, s.latencyAvg / 3); // the new normal, so the gap stops growing
    } else {
      s.gapMs = s.gapMs < 10 ? 0 : s.gapMs * 0.9;
    }
  }

  private State state(String hostKey) {
    return hosts.computeIfAbsent(hostKey, k -> new State());
  }

  private static final class State {
    double gapMs;
    long pausedUntil;
    long crawlDelayMs;
    double latencyAvg = -1;
    double latencyBest = -1;
  }
}
