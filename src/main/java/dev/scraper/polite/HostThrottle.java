package dev.scraper.polite;

import dev.scraper.fetch.FetchObserver;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the engine remembers of each host's pace, for every job and run: when a request last started, the
 * robots.txt Crawl-delay, and the adaptive gap learned from the host's answers. A 429 or 503 pauses the host (for
 * its Retry-After, or for the current gap) and doubles the gap between starts; latency rising well above the host's
 * best lets the gap grow by half; every other answer shrinks it by a tenth, so a host recovers slowly. It always
 * learns; a start whose job turned the throttle off is simply not held to the gap and pauses ({@link Limits}).
 * Remembers at most {@value #MAX_HOSTS} hosts (least recently used go first). Owned by one event loop.
 */
public final class HostThrottle implements FetchObserver {
  static final int MAX_HOSTS = 100_000;
  /** First gap after a 429/503, in ms. */
  static final long FIRST_BACKOFF_MS = 500;
  /** Largest gap the throttle sets, in ms. */
  static final long MAX_GAP_MS = 60_000;
  /** {@link #lastStart} of a host that has not started a request. */
  public static final long NEVER = Long.MIN_VALUE;
  private final LongSupplier clock;
  private final Map<String, State> hosts = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
      return size() > MAX_HOSTS;
    }
  };
  private long slowdowns;

  /** @param clock ms, monotonic: the clock of the {@link HostBoard} it paces */
  public HostThrottle(LongSupplier clock) {
    this.clock = clock;
  }

  /** The adaptive least gap between two starts to the host, in ms (0 when it never asked us to slow down). */
  public long gapMs(String hostKey) {
    State s = hosts.get(hostKey);
    return s == null ? 0 : Math.round(s.gapMs);
  }

  /** The host's robots.txt Crawl-delay (already capped), in ms; 0 when none is known. */
  public long crawlDelayMs(String hostKey) {
    State s = hosts.get(hostKey);
    return s == null ? 0 : s.crawlDelayMs;
  }

  /** No throttled request to the host may start before this time (after a 429/503); 0 when not paused. */
  public long notBefore(String hostKey) {
    State s = hosts.get(hostKey);
    return s == null ? 0 : s.pausedUntil;
  }

  /** When a request to the host last started (the board's clock), or {@link #NEVER}. */
  public long lastStart(String hostKey) {
    State s = hosts.get(hostKey);
    return s == null ? NEVER : s.lastStart;
  }

  /** A request to the host starts now. */
  void started(String hostKey, long now) {
    state(hostKey).lastStart = now;
  }

  /** Sets the host's robots.txt Crawl-delay (already capped); 0 clears it. */
  public void crawlDelay(String hostKey, long ms) {
    if (ms > 0 || hosts.containsKey(hostKey)) {
      state(hostKey).crawlDelayMs = Math.max(0, ms);
    }
  }

  /** How many times a host asked us to slow down (429/503). */
  public long slowdowns() {
    return slowdowns;
  }

  @Override
  public void answered(String hostKey, Integer status, long latencyMs, long retryAfterMs) {
    if (status == null) {
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
    long lastStart = NEVER;
    double latencyAvg = -1;
    double latencyBest = -1;
  }
}
