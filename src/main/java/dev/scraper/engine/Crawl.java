package dev.scraper.engine;

import dev.scraper.config.FollowSpec;
import dev.scraper.fetch.FetchResult;
import dev.scraper.filter.FoundLinks;
import dev.scraper.filter.LinkFinder;
import dev.scraper.filter.Scope;
import dev.scraper.frontier.CrawlUrl;
import dev.scraper.frontier.SeenUrls;
import dev.scraper.frontier.TrapGuards;
import dev.scraper.metrics.LinkStats;
import dev.scraper.url.WebUrl;
import java.util.ArrayList;
import java.util.List;

/**
 * The frontier's side of a run's crawl, on the event loop: what the parse workers found (already filtered by the
 * job's rules, see {@link LinkFinder}) meets the run's state here: links to URLs the run already has are skipped,
 * and the trap guards hold ({@link TrapGuards}). The scope grows with the seeds and where they redirect to.
 */
final class Crawl {
  private final Scope scope;
  private final boolean sameHost;
  private final LinkFinder finder;
  private final TrapGuards guards;

  Crawl(FollowSpec spec, String agentToken) {
    this.scope = new Scope(spec.domainScope());
    this.sameHost = spec.sameHost();
    this.finder = new LinkFinder(spec, scope, agentToken);
    this.guards = new TrapGuards(spec);
  }

  LinkFinder finder() {
    return finder;
  }

  /** {@code links} without those out of this crawl's scope (with sameHost), counted as {@code off-site}. */
  FoundLinks inScope(FoundLinks links) {
    if (!sameHost) {
      return links;
    }
    java.util.List<CrawlUrl> kept = new java.util.ArrayList<>();
    java.util.Map<String, Integer> dropped = new java.util.LinkedHashMap<>(links.dropped());
    for (CrawlUrl u : links.urls()) {
      if (scope.contains(u.url())) {
        kept.add(u);
      } else {
        dropped.merge("off-site", 1, Integer::sum);
      }
    }
    return new FoundLinks(kept, dropped, links.noindex(), links.canonical());
  }

  /** A seed of the run: its host is in scope, and it counts towards the page limits (seeds are never dropped). */
  void seed(WebUrl url) {
    scope.add(url);
    guards.count(url);
  }

  /** A seed of a run kept on disk, counted by the store: only its host joins the scope. */
  void scope(WebUrl url) {
    scope.add(url);
  }

  /**
   * A URL's fetch ended: a page reached by a redirect counts under its final URL too (a link to that URL later is
   * a duplicate), and where a seed was redirected (http to https, apex to www) is in the crawl's scope too.
   *
   * @return the final URL when it differs from the URL fetched, else null
   */
  WebUrl fetched(CrawlUrl url, FetchResult f) {
    if (f.status() == null || f.finalUrl().equals(url.url().shown())) {
      return null;
    }
    try {
      WebUrl last = WebUrl.parse(f.finalUrl());
      if (url.depth() == 0) {
        scope.add(last);
      }
      return last;
    } catch (IllegalArgumentException e) {
      return null; // a final URL shown with its password hidden: nothing to add
    }
  }

  /** Counts what a page found that never reaches the frontier (dropped by the page's rules, noindex). */
  static void counted(FoundLinks found, LinkStats stats) {
    stats.found(found.urls().size() + found.dropped().values().stream().mapToLong(Integer::longValue).sum());
    found.dropped().forEach((reason, n) -> stats.dropped(reason, n));
    if (found.noindex()) {
      stats.noindex();
    }
  }

  /** The links of a page that may join the frontier, in page order; every other one is counted in {@code stats}. */
  List<CrawlUrl> admit(FoundLinks found, SeenUrls seen, LinkStats stats) {
    counted(found, stats);
    List<CrawlUrl> out = new ArrayList<>(found.urls().size());
    for (CrawlUrl link : found.urls()) {
      if (!seen.add(link.url())) {
        stats.seen();
        continue;
      }
      String why = guards.refusal(link.url()); // once refused, always: the caps only fill up, so it stays seen
      if (why != null) {
        stats.dropped(why, 1);
      } else {
        guards.count(link.url());
        stats.queued();
        out.add(link);
      }
    }
    return out;
  }
}
