package dev.scraper.filter;

import crawlercommons.domains.EffectiveTldFinder;
import dev.scraper.url.WebUrl;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a crawl may go: the hosts of its seeds (and where the seeds redirected to), or their registrable domains
 * (public suffix list, as crawler-commons has it). Grows on the event loop as seeds are fetched, read on the parse
 * workers: thread-safe. The public suffix list is loaded on first use, which is on a worker.
 */
public final class Scope {
  private final boolean domain;
  /** Every host is in scope: a node that finds links for another node's run, whose scope that node applies. */
  private final boolean everywhere;
  private final Set<String> hosts = ConcurrentHashMap.newKeySet();
  private final Set<String> domains = ConcurrentHashMap.newKeySet();

  /** @param domain compare registrable domains instead of hosts */
  public Scope(boolean domain) {
    this(domain, false);
  }

  private Scope(boolean domain, boolean everywhere) {
    this.domain = domain;
    this.everywhere = everywhere;
  }

  /** A scope that holds every host (see {@link #contains}). */
  public static Scope everywhere() {
    return new Scope(false, true);
  }

  /** The crawl may go to {@code url}'s host (a seed, or where a seed redirected). Cheap: no suffix lookup here. */
  public void add(WebUrl url) {
    hosts.add(url.host());
  }

  /** Whether {@code url} is in scope. Call on a worker: the first domain lookup loads the public suffix list. */
  public boolean contains(WebUrl url) {
    if (everywhere || hosts.contains(url.host())) {
      return true;
    }
    if (!domain) {
      return false;
    }
    if (domains.size() < hosts.size()) {
      for (String h : hosts) {
        domains.add(registrable(h));
      }
    }
    return domains.contains(registrable(url.host()));
  }

  /** example.co.uk for www.shop.example.co.uk; the host itself when it has no registrable domain (an IP). */
  static String registrable(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") || h.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
      return h;
    }
    String d = EffectiveTldFinder.getAssignedDomain(h, true, false);
    return d == null ? h : d;
  }
}
