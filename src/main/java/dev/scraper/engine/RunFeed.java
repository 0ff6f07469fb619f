package dev.scraper.engine;

import dev.scraper.frontier.SourceEntry;
import dev.scraper.frontier.UrlSource;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Consumer;

/**
 * A run's URL source, read one batch at a time when the run asks for more. When the run stops, a read under way
 * is waited for ({@link Run#READ_GRACE_MS} at most: a pipe can block), so that the URLs it brings still get their
 * records; a read that comes back later can only be reported. Event-loop owned.
 */
final class RunFeed implements Feed {
  private final Vertx vertx;
  private final UrlSource source;
  private final String job;
  private final RunListener listener;
  private final Consumer<List<SourceEntry>> take;
  private final Runnable changed;
  private boolean reading;
  /** A batch is being taken: a read asked for meanwhile waits until it is taken (a read may end at once). */
  private boolean taking;
  private boolean wanted;
  private boolean ended;
  private long grace = -1;
  private Throwable failure;

  /**
   * @param take receives each batch read
   * @param changed told after every read, and when a wait is given up
   */
  RunFeed(Vertx vertx, UrlSource source, String job, RunListener listener, Consumer<List<SourceEntry>> take,
          Runnable changed) {
    this.vertx = vertx;
    this.source = source;
    this.job = job;
    this.listener = listener;
    this.take = take;
    this.changed = changed;
  }

  /** Reads another batch, unless one is under way or the source has ended. */
  @Override
  public void more() {
    if (taking) {
      wanted = true;
      return;
    }
    if (reading || ended) {
      return;
    }
    reading = true;
    source.next(Run.BATCH).onComplete(ar -> {
      if (!reading) {
        late(ar.succeeded() ? ar.result().size() : 0);
        return;
      }
      reading = false;
      if (grace >= 0) {
        vertx.cancelTimer(grace);
        grace = -1;
      }
      if (ar.failed()) {
        ended = true;
        failure = ar.cause();
        listener.problem(job + ": stopped reading URLs: " + ar.cause().getMessage());
      } else if (ar.result().isEmpty()) {
        ended = true;
      } else {
        taking = true;
        try {
          take.accept(ar.result());
        } finally {
          taking = false;
        }
      }
      if (wanted) {
        wanted = false;
        more();
      }
      changed.run();
    });
  }

  /** No more batches; a read under way is waited for, up to the grace. */
  @Override
  public void stop() {
    ended = true;
    source.stop();
    if (reading && grace < 0) {
      grace = vertx.setTimer(Run.READ_GRACE_MS, t -> {
        grace = -1;
        reading = false; // given up: a read blocks only while it holds no line, so nothing read is lost
        changed.run();
      });
    }
  }

  /** Whether every batch has been read (or reading ended) and none is under way or being taken. */
  @Override
  public boolean drained() {
    return ended && !reading && !taking;
  }

  /** Why reading stopped early (the rest of the list has no records), or null. */
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
    source.close(); // a source that fails to close lost nothing: every line read has its record
  }

  private void late(int lines) {
    if (lines > 0) {
      listener.problem(job + ": " + lines + " URLs read after the run had ended have no record");
    }
  }
}
