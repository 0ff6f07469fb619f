package dev.scraper.polite;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Per-host waiting lines for one job: at most {@code perHost} requests in flight to one host, and between two
 * starts to it at least the larger of {@code delayMs} and the host's {@link Pacing} gap. Hosts take turns (round
 * robin), so one slow or throttled host never starves the others. Not thread-safe: owned by one event loop.
 *
 * @param <T> the queued item
 */
public final class HostQueues<T> {
  private final int perHost;
  private final long delayMs;
  private final Pacing pacing;
  private final boolean gateNewHosts;
  private final LongSupplier clock;
  private final Map<String, Host<T>> hosts = new HashMap<>();
  private final ArrayDeque<Host<T>> turn = new ArrayDeque<>();
  private int queued;
  private long polls;

  /**
   * @param gateNewHosts a host seen for the first time gets one request at a time until {@link #open} is called
   *     for it (so that robots.txt, and its Crawl-delay, are known before the host gets its full share)
   * @param clock milliseconds, monotonic; {@link Pacing#notBefore} uses the same clock
   */
  public HostQueues(int perHost, long delayMs, Pacing pacing, boolean gateNewHosts, LongSupplier clock) {
    this.perHost = perHost;
    this.delayMs = delayMs;
    this.pacing = pacing;
    this.gateNewHosts = gateNewHosts;
    this.clock = clock;
  }

  /** As above, with no pacing beyond {@code delayMs} and no gate. */
  public HostQueues(int perHost, long delayMs, LongSupplier clock) {
    this(perHost, delayMs, Pacing.NONE, false, clock);
  }

  /** Lets a gated host have its full {@code perHost} share; true when it was gated. */
  public boolean open(String hostKey) {
    Host<T> host = hosts.get(hostKey);
    if (host == null || !host.gated) {
      return false;
    }
    host.gated = false;
    return true;
  }

  /** Queues an item for its host. */
  public void offer(String hostKey, T item) {
    Host<T> host = hosts.computeIfAbsent(hostKey, k -> new Host<>(k, gateNewHosts));
    if (host.waiting.isEmpty()) {
      turn.addLast(host);
    }
    host.waiting.addLast(item);
    queued++;
  }

  /**
   * The next item whose host may start a request now, or null. The caller must call {@link #done} with the
   * item's host key when its request ends.
   */
  public T poll() {
    long now = clock.getAsLong();
    if (++polls % 1024 == 0) {
      hosts.values().removeIf(h -> h.inFlight == 0 && h.waiting.isEmpty() && readyAt(h) <= now);
    }
    for (int i = turn.size(); i > 0; i--) {
      Host<T> host = turn.pollFirst();
      if (host.inFlight < cap(host) && readyAt(host) <= now) {
        T item = host.waiting.pollFirst();
        host.inFlight++;
        host.lastStart = now;
        host.started = true;
        queued--;
        if (!host.waiting.isEmpty()) {
          turn.addLast(host);
        }
        return item;
      }
      turn.addLast(host);
    }
    return null;
  }

  /** A request to {@code hostKey} ended. */
  public void done(String hostKey) {
    Host<T> host = hosts.get(hostKey);
    if (host == null) {
      return;
    }
    host.inFlight--;
    if (host.inFlight == 0 && host.waiting.isEmpty() && readyAt(host) <= clock.getAsLong()) {
      hosts.remove(hostKey);
    }
  }

  /**
   * Milliseconds until some queued host may start again because of its gap or a pause; -1 when no host waits for
   * time (either nothing is queued or every waiting host is held by its in-flight cap).
   */
  public long msUntilNextStart() {
    long now = clock.getAsLong();
    long best = -1;
    for (Host<T> host : turn) {
      long ready = readyAt(host);
      if (host.inFlight < cap(host) && ready > now) {
        long wait = ready - now;
        best = best < 0 ? wait : Math.min(best, wait);
      }
    }
    return best;
  }

  /** Takes every waiting item out, whatever its host's state (the job is stopping). */
  public java.util.List<T> drain() {
    java.util.List<T> all = new java.util.ArrayList<>(queued);
    for (Host<T> host : turn) {
      all.addAll(host.waiting);
      host.waiting.clear();
    }
    turn.clear();
    queued = 0;
    return all;
  }

  /** Items waiting (not yet started). */
  public int queued() {
    return queued;
  }

  private int cap(Host<T> host) {
    return host.gated ? 1 : perHost;
  }

  private long readyAt(Host<T> host) {
    long gap = Math.max(delayMs, pacing.gapMs(host.key));
    long afterGap = host.started ? host.lastStart + gap : 0;
    return Math.max(afterGap, pacing.notBefore(host.key));
  }

  private static final class Host<T> {
    final String key;
    final ArrayDeque<T> waiting = new ArrayDeque<>();
    int inFlight;
    long lastStart;
    boolean started;
    boolean gated;

    Host(String key, boolean gated) {
      this.key = key;
      this.gated = gated;
    }
  }
}
