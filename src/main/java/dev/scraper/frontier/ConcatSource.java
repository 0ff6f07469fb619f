package dev.scraper.frontier;

import io.vertx.core.Future;
import java.util.List;

/** One source after the other: a job's inline urls, then its sitemaps, then its urlsFile. */
public final class ConcatSource implements UrlSource {
  private final UrlSource first;
  private final UrlSource second;
  private boolean firstDone;

  public ConcatSource(UrlSource first, UrlSource second) {
    this.first = first;
    this.second = second;
  }

  @Override
  public Future<List<SourceEntry>> next(int max) {
    if (firstDone) {
      return second.next(max);
    }
    return first.next(max).compose(batch -> {
      if (batch.isEmpty()) {
        firstDone = true;
        return second.next(max);
      }
      return Future.succeededFuture(batch);
    });
  }

  @Override
  public long total() {
    long a = first.total();
    long b = second.total();
    return a < 0 || b < 0 ? -1 : a + b;
  }

  @Override
  public void stop() {
    first.stop();
    second.stop();
  }

  @Override
  public Future<Void> close() {
    return Future.join(first.close(), second.close()).mapEmpty();
  }
}
