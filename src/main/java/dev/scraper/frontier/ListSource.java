package dev.scraper.frontier;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** The inline {@code urls} of a job (already validated by the config reader). */
public final class ListSource implements UrlSource {
  private final List<String> urls;
  private int pos;

  public ListSource(List<String> urls) {
    this.urls = urls;
  }

  @Override
  public Future<List<SourceEntry>> next(int max) {
    List<SourceEntry> batch = new ArrayList<>(Math.min(max, urls.size() - pos));
    while (pos < urls.size() && batch.size() < max) {
      batch.add(SourceEntry.of(urls.get(pos), "urls[" + pos + "]"));
      pos++;
    }
    return Future.succeededFuture(batch);
  }

  @Override
  public long total() {
    return urls.size();
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
