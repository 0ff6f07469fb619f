package dev.scraper.metrics;

import dev.scraper.record.Record;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counters of one job's run: URLs, ok, errors per type, duplicates, bytes, latencies, sitemaps. Owned by the event
 * loop.
 */
public final class RunStats {
  private final long startNanos = System.nanoTime();
  private final LatencyHistogram latency = new LatencyHistogram();
  private final Map<String, Long> errors = new TreeMap<>();
  private final Map<String, Long> retries = new TreeMap<>();
  private final LinkStats links = new LinkStats();
  private final SitemapCounts sitemaps = new SitemapCounts();
  /** Node name to URLs it fetched for this run, for the URLs a node was named for ({@link #fetchedBy}). */
  private final Map<String, Long> nodes = new TreeMap<>();
  private long done;
  private long ok;
  private long bytes;
  private long duplicates;
  private long changed;
  private long notModified;
  private long endNanos = -1;

  /** Counts one finished URL. */
  public void add(Record r) {
    done++;
    bytes += r.bytes();
    if (r.changed()) {
      changed++;
    }
    if (r.ok() && r.status() != null && r.status() == 304) {
      notModified++;
    }
    if (r.attempts() > 0) {
      latency.record(r.latencyMs());
    }
    if (r.ok()) {
      ok++;
    } else {
      errors.merge(r.errorType(), 1L, Long::sum);
    }
  }

  /** Counts one retry, by reason ({@code timeout}, {@code connect}, {@code http-503}...). */
  public void retried(String reason) {
    retries.merge(reason, 1L, Long::sum);
  }

  /**
   * Counts one URL of the run as fetched by the node named ({@code -cluster}: the engine calls it per record with
   * the node that fetched the URL). A URL no node was named for counts to the run's owner ({@link #nodes}).
   */
  public void fetchedBy(String nodeName) {
    nodes.merge(nodeName, 1L, Long::sum);
  }

  /**
   * Node name to the URLs it fetched for this run, sorted by name: those named through {@link #fetchedBy}, and every
   * other URL done counted to {@code owner}, the node that owns the run (left out when null).
   */
  public Map<String, Long> nodes(String owner) {
    Map<String, Long> out = new TreeMap<>(nodes);
    long rest = done - nodes.values().stream().mapToLong(Long::longValue).sum();
    if (owner != null && rest > 0) {
      out.merge(owner, rest, Long::sum);
    }
    return out;
  }

  /** What a crawl did with the links it found (all zero when the job follows none). */
  public LinkStats links() {
    return links;
  }

  /** Retry reason to count, sorted by name. */
  public Map<String, Long> retries() {
    return retries;
  }

  /** What the run's sitemaps gave. */
  public SitemapCounts sitemaps() {
    return sitemaps;
  }

  public void duplicate() {
    duplicates++;
  }

  public void finish() {
    if (endNanos < 0) {
      endNanos = System.nanoTime();
    }
  }

  public long done() {
    return done;
  }

  public long ok() {
    return ok;
  }

  public long failed() {
    return done - ok;
  }

  public long bytes() {
    return bytes;
  }

  /** Records whose fields differ from the URL's last good answer (or that have none, or are errors). */
  public long changed() {
    return changed;
  }

  public long unchanged() {
    return done - changed;
  }

  /** Answers 304 Not Modified to a conditional request. */
  public long notModified() {
    return notModified;
  }

  public long duplicates() {
    return duplicates;
  }

  /** Error type to count, sorted by name. */
  public Map<String, Long> errors() {
    return errors;
  }

  public LatencyHistogram latency() {
    return latency;
  }

  /** Seconds since the run started (until {@link #finish()}). */
  public double elapsedSeconds() {
    long end = endNanos < 0 ? System.nanoTime() : endNanos;
    return (end - startNanos) / 1e9;
  }

  /** Pages per second over the elapsed time. */
  public double rate() {
    double s = elapsedSeconds();
    return s <= 0 ? 0 : done / s;
  }

  /** Sum of latencies over elapsed time: how much faster than fetching one URL after another. */
  public double speedup() {
    double s = elapsedSeconds();
    return s <= 0 ? 0 : latency.sum() / 1000.0 / s;
  }
}
