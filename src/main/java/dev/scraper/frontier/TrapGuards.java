package dev.scraper.frontier;

import dev.scraper.config.FollowSpec;
import dev.scraper.url.WebUrl;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The limits that keep a crawl out of traps: {@code maxPages} counts every URL admitted, seeds included, and is a
 * hard limit; {@code maxPagesPerHost}; {@code maxQueryVariants} distinct query strings per path, remembered for the
 * {@value #PATHS_REMEMBERED} most recent paths. Owned by one thread: the event loop, or the state store's worker
 * when a run keeps its frontier on disk.
 */
public final class TrapGuards {
  public static final int PATHS_REMEMBERED = 100_000;
  private final FollowSpec spec;
  private final Map<String, long[]> perHost = new HashMap<>();
  private final Map<String, int[]> variants = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
      return size() > PATHS_REMEMBERED;
    }
  };
  private long admitted;

  public TrapGuards(FollowSpec spec) {
    this.spec = spec;
  }

  /** Why the crawl keeps {@code url} out, or null. Does not count it. */
  public String refusal(WebUrl url) {
    if (admitted >= spec.maxPages()) {
      return "max-pages";
    }
    long[] host = perHost.get(url.hostKey());
    if (host != null && host[0] >= spec.maxPagesPerHost()) {
      return "max-pages-per-host";
    }
    String text = url.toString();
    int q = text.indexOf('?');
    if (q >= 0) {
      int[] n = variants.get(text.substring(0, q));
      if (n != null && n[0] >= spec.maxQueryVariants()) {
        return "max-query-variants";
      }
    }
    return null;
  }

  /** Counts an admitted URL. */
  public void count(WebUrl url) {
    admitted++;
    perHost.computeIfAbsent(url.hostKey(), k -> new long[1])[0]++;
    String text = url.toString();
    int q = text.indexOf('?');
    if (q >= 0) {
      variants.computeIfAbsent(text.substring(0, q), k -> new int[1])[0]++;
    }
  }

  /** Counts restored from a saved run: URLs admitted in all, and per host. */
  public void restore(long admittedBefore, Map<String, Long> hosts) {
    admitted = admittedBefore;
    hosts.forEach((host, n) -> perHost.put(host, new long[] {n}));
  }

  public long admitted() {
    return admitted;
  }

  /** URLs admitted for {@code hostKey} so far. */
  public long admitted(String hostKey) {
    long[] n = perHost.get(hostKey);
    return n == null ? 0 : n[0];
  }
}
