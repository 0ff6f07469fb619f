package dev.scraper.scale;

/**
 * One thing that happens at a virtual time; {@code order} breaks ties so that a seed gives one history.
 *
 * @param time virtual microseconds
 * @param order creation order
 * @param kind what happens
 * @param node the node concerned, -1 for none
 * @param host the host concerned, -1 for none
 * @param epoch the host's lease epoch when the event was made
 * @param seq the URL of the host concerned
 */
record Event(long time, long order, Kind kind, int node, int host, int epoch, int seq) implements Comparable<Event> {
  enum Kind {
    /** A host's next URL falls due. */
    ARRIVE,
    /** A leased host's politeness gap is over. */
    READY,
    /** A fetch's response is in; its page waits for a core. */
    RESPONSE,
    /** A fetch's page is processed; its result goes to the owner. */
    DONE,
    /** A node is killed or freezes. */
    FAIL,
    /** The cluster noticed the failure, or the node's leases expired: its hosts are revoked. */
    REVOKE,
    /** A frozen node runs again. */
    THAW
  }

  @Override
  public int compareTo(Event o) {
    int c = Long.compare(time, o.time);
    return c != 0 ? c : Long.compare(order, o.order);
  }
}
