package dev.scraper.engine;

import dev.scraper.frontier.SourceEntry;
import dev.scraper.frontier.UrlSource;
import dev.scraper.metrics.RunStats;
import dev.scraper.state.JobState;
import dev.scraper.state.Pending;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Consumer;

/**
 * The URLs of a run that keeps its frontier on disk: read back from the store a batch at a time, in the order they
 * were admitted; when the store has none left past what was read, the next batch of the job's source goes into the
 * store first (a resumed run first skips the source lines its saved run had read). Only the batches read are in
 * memory, whatever the crawl's size. Event-loop owned.
 */
final class StoreFeed implements Feed {
  /** Source lines skipped at a time when a resumed run finds its place in the source. */
  static final int SKIP = 8192;
  private final UrlSource source;
  private final JobState state;
  private final RunStats stats;
  private final Consumer<List<Pending>> take;
  private final Runnable changed;
  private final String job;
  private final RunListener listener;
  private long skip;
  private long cursor;
  private boolean reading;
  private boolean sourceEnded;
  /** Whether the store may hold URLs past {@link #cursor}. */
  private boolean more = true;
  private boolean stopped;
  private Throwable failure;

  StoreFeed(UrlSource source, JobState state, RunStats stats, String job, RunListener listener,
            Consumer<List<Pending>> take, Runnable changed) {
    this.source = source;
    this.state = state;
    this.stats = stats;
    this.job = job;
    this.listener = listener;
    this.take = take;
    this.changed = changed;
    this.skip = state.sourcePosition();
  }

  @Override
  public void more() {
    if (reading || stopped || (sourceEnded && !more)) {
      return;
    }
    reading = true;
    more = false;
    read().onComplete(ar -> {
      reading = false;
      if (stopped) {
        changed.run(); // the rows read stay in the store for the next run
        return;
      }
      if (ar.failed()) {
        stopped = true;
        failure = ar.cause();
        listener.problem(job + ": stopped reading URLs: " + ar.cause().getMessage());
      } else if (!ar.result().isEmpty()) {
        more = true;
        List<Pending> rows = ar.result();
        cursor = rows.get(rows.size() - 1).row();
        take.accept(rows);
      }
      changed.run();
    });
  }

  private Future<List<Pending>> read() {
    return state.take(cursor, Run.BATCH).compose(rows -> rows.isEmpty() && !sourceEnded && !stopped
        ? pull().compose(v -> read()) : Future.succeededFuture(rows));
  }

  /** The next batch of the source into the store (or, resuming, past lines the saved run had read). */
  private Future<Void> pull() {
    int max = skip > 0 ? (int) Math.min(skip, SKIP) : Run.BATCH;
    return source.next(max).compose(batch -> {
      if (batch.isEmpty()) {
        sourceEnded = true;
        return Future.succeededFuture();
      }
      if (skip > 0) {
        skip -= batch.size();
        return Future.succeededFuture();
      }
      return admit(batch);
    });
  }

  private Future<Void> admit(List<SourceEntry> batch) {
    return state.seeds(batch).map(a -> {
      for (int i = 0; i < a.duplicates(); i++) {
        stats.duplicate();
      }
      return null;
    });
  }

  @Override
  public void added() {
    more = true;
  }

  @Override
  public void stop() {
    stopped = true;
    source.stop(); // a sitemap fetch under way ends now
  }

  @Override
  public boolean drained() {
    return !reading && (stopped || (sourceEnded && !more));
  }

  @Override
  public Throwable failure() {
    return failure;
  }

  @Override
  public long total() {
    return source.total();
  }

  @Override
  public void close() {
    source.close();
  }
}
