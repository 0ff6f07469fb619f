package dev.scraper.polite;

/**
 * One request slot on one host, held from the start until the request's answer is complete (or it failed).
 * Released exactly once; a second release does nothing.
 */
public final class Permit {
  private final HostBoard board;
  private final HostBoard.Host host;
  private boolean released;

  Permit(HostBoard board, HostBoard.Host host) {
    this.board = board;
    this.host = host;
  }

  /** The host this slot belongs to. */
  public String hostKey() {
    return host.key;
  }

  /** Gives the slot back: the host's next request may start. */
  public void release() {
    if (!released) {
      released = true;
      board.released(host);
    }
  }

  public boolean released() {
    return released;
  }
}
