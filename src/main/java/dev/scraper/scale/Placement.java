package dev.scraper.scale;

/**
 * Which node the owner leases a waiting host to. Free capacity is {@code concurrency} minus the node's fetches in
 * flight and its hosts ready to start; the owner picks the serving node with the most (the lowest id on a tie), or,
 * with affinity, the node that held the host last while it is at most three quarters busy: its robots.txt rules,
 * DNS answer and TLS session for the host are still there.
 */
final class Placement {
  private Placement() {
  }

  /** The serving node with the most free capacity, or null when none has any. */
  static Node leastLoaded(Node[] nodes, int concurrency, long now) {
    Node best = null;
    int bestFree = 0;
    for (Node n : nodes) {
      int free = concurrency - n.inFlight - n.ready.size();
      if (n.serving(now) && free > bestFree) {
        best = n;
        bestFree = free;
      }
    }
    return best;
  }

  /** {@code last} (the host's previous node, or null) when it serves and is at most 3/4 busy, else {@code best}. */
  static Node previousOr(Node last, Node best, int concurrency, long now) {
    boolean fits = last != null && last.serving(now) && (last.inFlight + last.ready.size()) * 4 <= concurrency * 3;
    return fits ? last : best;
  }
}
