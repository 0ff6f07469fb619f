package dev.scraper.polite;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Per-host waiting lines for one job: at most {@code perHost} requests in flight to one host and at least
 * {@code delayMs} between two starts to it. Hosts take turns (round robin), so one slow host never starves the
 * others. Not thread-safe: owned by one event loop.
 *
 * @param <T> the queued item
 */
public final class HostQueues<T> {
  private final int perHost;
  private final long delayMs;
  private final LongSupplier clock;
  private final Map<String, Host<T>> hosts = new HashMap<>();
  private final ArrayDeque<Host<T>> turn = new ArrayDeque<>();
  private int queued;
  private long polls;

  /**
   * @param clock milliseconds, monotonic
   */
  public HostQueues(int perHost, long delayMs, LongSupplier clock) {
    this.perHost = perHost;
    this.delayMs = delayMs;
    this.clock = clock;
  }

  /** Queues an item for its host. */
  public void offer(String hostKey, T item) {
    Host<T> host = hosts.computeIfAbsent(hostKey, Host::new);
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
      hosts.values().removeIf(h -> h.inFlight == 0 && h.waiting.isEmpty() && h.nextStart <= now);
    }
    for (int i = turn.size(); i > 0; i--) {
      Host<T> host = turn.pollFirst();
      if (host.inFlight < perHost && host.nextStart <= now) {
        T item = host.waiting.pollFirst();
        host.inFlight++;
        host.nextStart = now + delayMs;
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
    if (host.inFlight == 0 && host.waiting.isEmpty() && host.nextStart <= clock.getAsLong()) {
      hosts.remove(hostKey);
    }
  }

  /**
   * Milliseconds until some queued host may start again because of {@code delayMs}; -1 when no host waits for
   * time (either nothing is queued or every waiting host is held by its in-flight cap).
   */
  public long msUntilNextStart() {
    long now = clock.getAsLong();
    long best = -1;
    for (Host<T> host : turn) {
      if (host.inFlight < perHost && host.nextStart > now) {
        long wait = host.nextStart - now;
        best = best < 0 ? wait : Math.min(best, wait);
      }
    }
    return best;
  }

  /** Items waiting (not yet started). */
  public int queued() {
    return queued;
  }

  /** The politeness key of a URL: scheme, host and port, lower-cased. */
  public static String hostKey(String url) {
    try {
      URI u = URI.create(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
      return scheme + "://" + (u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT)) + ":" + port;
    } catch (IllegalArgumentException e) {
      return url;
    }
  }

  private static final class Host<T> {
    final ArrayDeque<T> waiting = new ArrayDeque<>();
    int inFlight;
    long nextStart;

    Host(String key) {
    }
  }
}
