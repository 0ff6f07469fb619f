package dev.scraper.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a crawl did with the links it found: queued (each gets a record), already seen, or dropped, by reason
 * ({@code off-site}, {@code nofollow}, {@code max-pages}...). Owned by the event loop.
 */
public final class LinkStats {
  private final Map<String, Long> dropped = new TreeMap<>();
  private long found;
  private long queued;
  private long seen;
  private long noindex;

  /** A page gave {@code n} links for its selector, before any rule. */
  public void found(long n) {
    found += n;
  }

  public void queued() {
    queued++;
  }

  /** A link to a URL the run already has. */
  public void seen() {
    seen++;
  }

  public void dropped(String reason, long n) {
    dropped.merge(reason, n, Long::sum);
  }

  /** A page asked not to be indexed (its fields were not taken). */
  public void noindex() {
    noindex++;
  }

  public long found() {
    return found;
  }

  public long queuedCount() {
    return queued;
  }

  public long seenCount() {
    return seen;
  }

  public long noindexCount() {
    return noindex;
  }

  /** Reason to count, sorted by reason. */
  public Map<String, Long> dropped() {
    return dropped;
  }
}
