package dev.scraper.polite;

/**
 * When a start may happen at a host, as far as time goes: the host's last start (from any job) plus the largest gap
 * the ticket is held to (its {@code delayMs}; the Crawl-delay and the throttle's gap where its job asks for them),
 * and not before the throttle's pause. Pure.
 */
final class StartTime {
  private StartTime() {
  }

  /** Ms from {@code now} until the start may happen; 0 when it may happen now. */
  static long waitMs(Limits limits, HostThrottle pace, String hostKey, long now) {
    long last = pace.lastStart(hostKey);
    if (last == HostThrottle.NEVER && !limits.throttle()) {
      return 0;
    }
    long gap = limits.delayMs();
    if (limits.crawlDelay()) {
      gap = Math.max(gap, pace.crawlDelayMs(hostKey));
    }
    if (limits.throttle()) {
      gap = Math.max(gap, pace.gapMs(hostKey));
    }
    long at = last == HostThrottle.NEVER ? 0 : last + gap;
    if (limits.throttle()) {
      at = Math.max(at, pace.notBefore(hostKey));
    }
    return at <= now ? 0 : at - now;
  }
}
