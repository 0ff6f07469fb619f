package dev.scraper.cluster;

/**
 * What a node is doing now, as {@link NodeRegistry} publishes it. Read on the context it was handed to the registry
 * on ({@link NodeRegistry#load}), so an implementation owned by an event loop needs no locks. The engine implements
 * it ({@code Engine.load()}), counting what this node fetches, for its own runs and for other nodes' runs: a URL of
 * its run that another node fetches counts at that node.
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

  /** Hosts this node fetches from now: with a request of this node in flight. */
  int hosts();

  /** Requests this node has in flight now. */
  int inFlight();

  /** URLs this node has fetched since it started; pages per second are worked out from it. */
  long pagesDone();
}
