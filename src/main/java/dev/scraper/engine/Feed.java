package dev.scraper.engine;

/** Where a run's URLs come from, a batch at a time: its source alone ({@link RunFeed}), or its frontier on disk. */
interface Feed {
  /** Reads another batch, unless one is under way or nothing is left. */
  void more();

  /** No more batches; a read under way is waited for. */
  void stop();

  /** Whether nothing is left to read and no read is under way. */
  boolean drained();

  /** Why reading stopped early, or null. */
  Throwable failure();

  /** How many URLs the source holds, once known; -1 until then. */
  long total();

  void close();

  /** New URLs joined the frontier: there is more to read. */
  default void added() {
  }
}
