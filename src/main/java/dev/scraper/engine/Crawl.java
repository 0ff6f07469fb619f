package dev.scraper.engine;

import dev.scraper.config.FollowSpec;
import dev.scraper.fetch.FetchResult;
import dev.scraper.filter.FoundLinks;
import dev.scraper.filter.LinkFinder;
import dev.scraper.filter.Scope;
import dev.scraper.frontier.CrawlUrl;
import dev.scraper.frontier.SeenUrls;
import dev.scraper.metrics.LinkStats;
import dev.scraper.url.WebUrl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frontier's side of a run's crawl, on the event loop: what the parse workers found (already filtered by the
 * job's rules, see {@link LinkFinder}) meets the run's state here: links to URLs the run already has are skipped,
 * and the trap guards hold ({@code maxPages} counts every URL admitted, seeds included, and is a hard limit;
 * {@code maxPagesPerHost}; {@code maxQueryVariants} distinct query strings per path, remembered for the
 * {@value #PATHS_REMEMBERED} most recent paths). The scope grows with the seeds and where they redirect to.
 */
final class Crawl {
  static final int PATHS_REMEMBERED = 100_000;
  private final FollowSpec spec;
  private final Scope scope;
  private final LinkFinder finder;
  private final Map<String, long[]> perHost = new HashMap<>();
  private final Map<String, int[]> variants = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
      return size() > PATHS_REMEMBERED;
    }
  };
  private long admitted;

  Crawl(FollowSpec spec, String agentToken) {
    this.spec = spec;
    this.scope = new Scope(spec.domainScope());
    this.finder = new LinkFinder(spec, scope, agentToken);
  }

  LinkFinder finder() {
    return finder;
  }

  /** A seed of the run: its host is in scope, and it counts towards the page limits (seeds are never dropped). */
  void seed(WebUrl url) {
    scope.add(url);
    count(url);
  }

  /**
   * A URL's fetch ended: a page reached by a redirect counts under its final URL too (a link to that URL later is
   * a duplicate), and where a seed was redirected (http to https, apex to www) is in the crawl's scope too.
   */
  void fetched(CrawlUrl url, FetchResult f, SeenUrls seen) {
    if (f.status() == null || f.finalUrl().equals(url.url().shown())) {
      return;
    }
    try {
      WebUrl last = WebUrl.parse(f.finalUrl());
      seen.add(last);
      if (url.depth() == 0) {
        scope.add(last);
      }
    } catch (IllegalArgumentException e) {
      // a final URL shown with its password hidden: nothing to add
    }
  }

  /** The links of a page that may join the frontier, in page order; every other one is counted in {@code stats}. */
  List<CrawlUrl> admit(FoundLinks found, SeenUrls seen, LinkStats stats) {
    stats.found(found.urls().size() + found.dropped().values().stream().mapToLong(Integer::longValue).sum());
    found.dropped().forEach((reason, n) -> stats.dropped(reason, n));
    if (found.noindex()) {
      stats.noindex();
    }
    List<CrawlUrl> out = new ArrayList<>(found.urls().size());
    for (CrawlUrl link : found.urls()) {
      if (!seen.add(link.url())) {
        stats.seen();
        continue;
      }
      String why = refusal(link.url()); // once refused, always: the caps only fill up, so it stays in the seen set
      if (why != null) {
        stats.dropped(why, 1);
      } else {
        count(link.url());
        stats.queued();
        out.add(link);
      }
    }
    return out;
  }

  /** Why the run's state keeps {@code url} out (a trap guard), or null. Does not count it. */
  private String refusal(WebUrl url) {
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

  private void count(WebUrl url) {
    admitted++;
    perHost.computeIfAbsent(url.hostKey(), k -> new long[1])[0]++;
    String text = url.toString();
    int q = text.indexOf('?');
    if (q >= 0) {
      variants.computeIfAbsent(text.substring(0, q), k -> new int[1])[0]++;
    }
  }
}
