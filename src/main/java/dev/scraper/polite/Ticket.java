package dev.scraper.polite;

/**
 * A wait for one request start to one host. A <em>fresh</em> ticket (a URL of a run, given a {@link Lane}) starts
 * only while its lane has room; a <em>continuation</em> (no lane: a redirect hop, a retry, a robots.txt fetch of a
 * URL already under way) goes before the fresh tickets of its host and needs no room. Either way the host's limits
 * hold for it, as they do for every start. Owned by the {@link HostBoard}'s event loop.
 */
public abstract class Ticket {
  /** What a fresh ticket says when it reaches the head of its host's line. */
  public enum Admission {
    /** Start it when the host allows. */
    START,
    /** It was settled another way (refused by robots.txt, cancelled): drop it; it takes no start. */
    DROP,
    /** It cannot be decided yet (robots.txt is being fetched): the host waits for {@link HostBoard#wake}. */
    HOLD
  }

  final String hostKey;
  final Limits limits;
  final Lane lane;
  boolean cancelled;

  /**
   * @param hostKey the politeness key of the host ({@code scheme://host:port})
   * @param lane the lane of a fresh ticket, or null for a continuation
   */
  protected Ticket(String hostKey, Limits limits, Lane lane) {
    this.hostKey = hostKey;
    this.limits = limits;
    this.lane = lane;
  }

  public final String hostKey() {
    return hostKey;
  }

  /** The last word before a fresh ticket takes its start; called only when its host's line reaches it. */
  protected Admission admit() {
    return Admission.START;
  }

  /** The start: the owner now holds one of the host's request slots, until {@code permit.release()}. */
  protected abstract void start(Permit permit);

  /** Drops the ticket wherever it waits; it will not start. */
  public final void cancel() {
    cancelled = true;
  }

  public final boolean cancelled() {
    return cancelled;
  }
}
