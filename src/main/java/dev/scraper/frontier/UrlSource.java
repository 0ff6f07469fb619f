package dev.scraper.frontier;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where a job's URLs come from, read in batches so that a list of any length never sits in memory.
 * Call {@link #next} again only after the previous call completed.
 */
public interface UrlSource {

  /** Up to {@code max} more entries, in order; an empty list means the source is exhausted. */
  Future<List<SourceEntry>> next(int max);

  /** How many entries the source holds, once known (a file is counted in the background); -1 until then. */
  long total();

  /**
   * The run stops: a read under way may end early, with no entry (a sitemap fetch is cancelled), instead of being
   * waited for. Nothing by default: a file's read is waited for, as its lines must get their records.
   */
  default void stop() {
  }

  /** Releases what the source holds open. */
  Future<Void> close();
}
