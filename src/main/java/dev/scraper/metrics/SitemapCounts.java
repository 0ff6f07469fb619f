package dev.scraper.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a run's sitemaps gave: documents read and the URLs they listed, documents that could not be read (by kind:
 * an error type such as {@code http-status}, or {@code invalid-sitemap}), and sitemaps listed again and skipped.
 * Owned by the event loop.
 */
public final class SitemapCounts {
  private final Map<String, Long> failed = new TreeMap<>();
  private long read;
  private long urls;
  private long repeated;
  private boolean used;

  /** The run reads sitemaps: the summary has a line for them, even when none could be read. */
  public void use() {
    used = true;
  }

  /** One document read, with the URLs (or, for an index, the sitemaps) taken from it. */
  public void addRead(long listed, boolean index) {
    used = true;
    read++;
    if (!index) {
      urls += listed;
    }
  }

  /** One sitemap not read, by kind. */
  public void addFailure(String kind) {
    used = true;
    failed.merge(kind, 1L, Long::sum);
  }

  /** One sitemap listed again, skipped. */
  public void addRepeat() {
    repeated++;
  }

  public boolean used() {
    return used;
  }

  /** Documents read, indexes included. */
  public long read() {
    return read;
  }

  /** URLs listed by the sitemaps read (before duplicates are dropped). */
  public long urls() {
    return urls;
  }

  /** Documents that could not be read. */
  public long failedCount() {
    return failed.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Kind to count, sorted by name. */
  public Map<String, Long> failed() {
    return failed;
  }

  public long repeated() {
    return repeated;
  }

  /** The summary's words: {@code 3 read (120 URLs), 1 failed: http-status 1, 1 listed again (skipped)}. */
  public String summary() {
    StringBuilder b = new StringBuilder().append(read).append(" read (").append(urls).append(urls == 1 ? " URL)"
        : " URLs)");
    if (!failed.isEmpty()) {
      b.append(", ").append(failedCount()).append(" failed: ");
      String sep = "";
      for (Map.Entry<String, Long> e : failed.entrySet()) {
        b.append(sep).append(e.getKey()).append(' ').append(e.getValue());
        sep = ", ";
      }
    }
    if (repeated > 0) {
      b.append(failed.isEmpty() ? ", " : "; ").append(repeated).append(" listed again (skipped)");
    }
    return b.toString();
  }
}
