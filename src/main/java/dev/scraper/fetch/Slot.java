package dev.scraper.fetch;

/** One request slot on one host, held while a request runs; the host's next request may start once it is released. */
@FunctionalInterface
public interface Slot {
  /** Gives the slot back. Called exactly once per slot. */
  void release();
}
