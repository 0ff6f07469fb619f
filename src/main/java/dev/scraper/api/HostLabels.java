package dev.scraper.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The host label of a URL on /metrics, with a bounded number of values: the busiest {@code max} hosts get a label of
 * their own and every other one is {@code other}. Hosts are counted in a bounded table (the space-saving way: when it
 * is full, a new host takes the place of the least counted one, starting from that count), and every {@link
 * #RERANK} URLs the labels go to the busiest hosts of late (counts are halved at each re-rank, so that old traffic
 * fades). A labelled host gives its label up only to a host counted more than twice as often: a tie does not make
 * labels flap. Until {@code max} hosts are labelled, each new host is labelled at once (the usual monitor, whose hosts
 * all appear in its first run, never sees a re-rank change anything). A host that loses its label is told to {@code
 * dropped} (its series are removed; from then on it counts under {@code other}). Event-loop owned.
 */
final class HostLabels {
  static final String OTHER = "other";
  /** URLs between two re-ranks. */
  static final int RERANK = 1_000;
  private final int max;
  private final int capacity;
  private final Consumer<String> dropped;
  private final Set<String> own = new LinkedHashSet<>();
  private final Map<String, long[]> counts = new HashMap<>();
  private int sinceRerank;

  HostLabels(int max) {
    this(max, host -> {
    });
  }

  HostLabels(int max, Consumer<String> dropped) {
    this.max = max;
    this.capacity = Math.max(64, 8 * max);
    this.dropped = dropped;
  }

  String of(String url) {
    String host = host(url);
    if (!host.equals(OTHER)) {
      count(host);
    }
    if (++sinceRerank >= RERANK) {
      sinceRerank = 0;
      rerank();
    }
    if (own.contains(host)) {
      return host;
    }
    if (own.size() < max && !host.equals(OTHER)) {
      own.add(host);
      return host;
    }
    return OTHER;
  }

  private void count(String host) {
    long[] c = counts.get(host);
    if (c != null) {
      c[0]++;
      return;
    }
    long start = 0;
    if (counts.size() >= capacity) {
      String least = null;
      long leastCount = Long.MAX_VALUE;
      for (Map.Entry<String, long[]> e : counts.entrySet()) {
        if (e.getValue()[0] < leastCount && !own.contains(e.getKey())) {
          least = e.getKey();
          leastCount = e.getValue()[0];
        }
      }
      if (least == null) {
        return; // every counted host is labelled (capacity is at least 8 times max, so this does not happen)
      }
      counts.remove(least);
      start = leastCount;
    }
    counts.put(host, new long[] {start + 1});
  }

  /** Hands the labels of the least counted labelled hosts to unlabelled hosts counted more than twice as often. */
  private void rerank() {
    List<String> challengers = new ArrayList<>();
    for (String host : counts.keySet()) {
      if (!own.contains(host)) {
        challengers.add(host);
      }
    }
    challengers.sort(Comparator.comparingLong((String h) -> counts.get(h)[0]).reversed());
    List<String> holders = new ArrayList<>(own);
    holders.sort(Comparator.comparingLong(this::countOf));
    int i = 0;
    for (String challenger : challengers) {
      if (own.size() < max) {
        own.add(challenger);
        continue;
      }
      if (i >= holders.size() || countOf(challenger) <= 2 * countOf(holders.get(i))) {
        break;
      }
      String loser = holders.get(i++);
      own.remove(loser);
      own.add(challenger);
      dropped.accept(loser);
    }
    counts.entrySet().removeIf(e -> (e.getValue()[0] /= 2) == 0 && !own.contains(e.getKey()));
  }

  private long countOf(String host) {
    long[] c = counts.get(host);
    return c == null ? 0 : c[0];
  }

  /** The hosts that have a label of their own now. */
  Set<String> labelled() {
    return Set.copyOf(own);
  }

  /** The host (and port, when given) of an absolute URL, lower case; "other" when there is none. */
  static String host(String url) {
    return dev.scraper.url.Authority.of(url, OTHER);
  }
}
