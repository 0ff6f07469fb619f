package dev.scraper.engine;

import dev.scraper.filter.FoundLinks;
import dev.scraper.metrics.LinkStats;
import dev.scraper.state.JobState;
import io.vertx.core.Future;

/**
 * A page's links offered to a frontier on disk: the store's worker tells new from seen and holds the trap guards;
 * the answer comes back to the event loop, which counts it and reads the new URLs when it has room.
 */
final class StoredLinks {
  private StoredLinks() {
  }

  static Future<Void> admit(JobState state, FoundLinks links, LinkStats stats, Feed feed, Runnable read) {
    Crawl.counted(links, stats);
    if (links.urls().isEmpty()) {
      return Future.succeededFuture();
    }
    return state.links(links.urls()).map(a -> {
      for (int i = 0; i < a.seen(); i++) {
        stats.seen();
      }
      for (int i = 0; i < a.queued(); i++) {
        stats.queued();
      }
      a.dropped().forEach(stats::dropped);
      if (a.queued() > 0) {
        feed.added();
        read.run();
      }
      return null;
    });
  }
}
