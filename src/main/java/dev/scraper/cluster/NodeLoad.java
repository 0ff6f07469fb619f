package dev.scraper.cluster;

/**
 * What a node is doing now, as {@link NodeRegistry} publishes it. Read on the context it was handed to the registry
 * on ({@link NodeRegistry#load}), so an implementation owned by an event loop needs no locks. Kept small: the engine
 * is to implement it (counting, in {@link #pagesDone}, the fetches it does for other nodes' runs too).
 */
public interface NodeLoad {
  /** Nothing to tell: a node whose engine gives no figures (yet). */
  NodeLoad IDLE = new NodeLoad() {
    @Override
    public int hosts() {
      return 0;
    }

    @Override
    public int inFlight() {
      return 0;
    }

    @Override
    public long pagesDone() {
      return 0;
    }
  };

  /** Hosts this node fetches from now: with a request in flight or a URL waiting in their line. */
  int hosts();

  /** Requests in flight now. */
  int inFlight();

  /** URLs this node has done since it started (one record each); pages per second are worked out from it. */
  long pagesDone();
}
