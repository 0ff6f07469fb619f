package dev.scraper.state;

import dev.scraper.config.JobSpec;
import dev.scraper.frontier.CrawlUrl;
import dev.scraper.frontier.SourceEntry;
import dev.scraper.sink.OutputLock;
import dev.scraper.url.WebUrl;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's state on disk, seen from the event loop (see {@link Store}): every call queues an operation and returns at
 * once; operations run in order on one worker thread of the job's own, as one transaction per batch, and a batch
 * takes everything queued while the one before ran (group commit: the busier the run, the larger the batches). The
 * event loop never waits for the disk. The first failure is kept; from then on operations fail with it.
 */
public final class JobState implements ChangeLog {
  /** Records waiting for the worker beyond which the sink asks the run to hold new work. */
  static final int RECORDS_QUEUED_MAX = 20_000;
  private final WorkerExecutor worker;
  private final StateOpen.Opened opened;
  private List<Op<?>> queue = new ArrayList<>();
  private int recordsQueued;
  private boolean running;
  private long written;
  private Throwable failure;
  private List<KnownUrl> known;

  /** One operation of a batch: {@link #apply} on the worker, then its promise completed on the event loop. */
  private abstract static class Op<T> {
    final Promise<T> promise = Promise.promise();
    T result;

    abstract T apply(Store store) throws Exception;
  }

  private JobState(WorkerExecutor worker, StateOpen.Opened opened) {
    this.worker = worker;
    this.opened = opened;
    this.known = opened.known();
  }

  /**
   * Opens the state of {@code job} under {@code dataDir} and its output (locked), resuming an unfinished run unless
   * {@code fresh}. Fails with the output's lock message, or a {@link StateConflictException}.
   */
  public static Future<JobState> open(Vertx vertx, JobSpec job, Path dataDir, boolean fresh) {
    WorkerExecutor worker = vertx.createSharedWorkerExecutor("scraper-state-" + job.name(), 1);
    return worker.executeBlocking(() -> StateOpen.open(job, dataDir, fresh), true)
        .map(o -> new JobState(worker, o))
        .onFailure(e -> worker.close());
  }

  /** Whether an unfinished run goes on (its output is appended to). */
  public boolean resumed() {
    return opened.resumed();
  }

  /** Source lines the saved run had read (a resumed run skips them). */
  public long sourcePosition() {
    return opened.sourcePos();
  }

  /** URLs in the saved frontier when opened (not yet recorded). */
  public long pending() {
    return opened.pending();
  }

  /** The scope the saved run had grown to (its seeds and where they redirected to). */
  public List<String> scope() {
    return opened.scope();
  }

  public Future<Admitted> seeds(List<SourceEntry> entries) {
    return submit(store -> store.seeds(entries));
  }

  public Future<Admitted> links(List<CrawlUrl> links) {
    return submit(store -> store.links(links));
  }

  public Future<List<Pending>> take(long after, int max) {
    return submit(store -> store.take(after, max));
  }

  public void seen(WebUrl url) {
    submit(store -> {
      store.seen(url);
      return null;
    });
  }

  public void scope(WebUrl url) {
    String text = url.toString();
    submit(store -> {
      store.scope(text);
      return null;
    });
  }

  /** A record for the output; once it is written, its row ({@code -1}: none) leaves the frontier. */
  public void record(Buffer line, long row) {
    byte[] bytes = line.getBytes();
    recordsQueued++;
    submit(store -> {
      store.record(bytes, row);
      return null;
    });
  }

  /** The URLs' last good answers kept under dataDir (once: the list is let go). */
  @Override
  public List<KnownUrl> known() {
    List<KnownUrl> k = known;
    known = List.of();
    return k;
  }

  /** Keeps a URL's last good answer, or forgets it ({@code fields} null), in the same batch as its record. */
  @Override
  public void change(KnownUrl k) {
    submit(store -> {
      store.change(k);
      return null;
    });
  }

  /** The run ended by itself: the next start begins afresh. */
  public void finished() {
    submit(store -> {
      store.finished();
      return null;
    });
  }

  /** Completes when everything queued so far is committed, the output synced to disk. */
  public Future<Void> flush() {
    return submit(store -> {
      store.sync();
      return null;
    });
  }

  /** Flushes, then closes the store and the output and releases the output's lock; fails with the first failure. */
  public Future<Void> close() {
    OutputLock lock = opened.lock();
    return flush().transform(ar -> worker.executeBlocking(() -> {
      try (Store s = opened.store()) {
        return null;
      } finally {
        lock.release();
      }
    }, true)).transform(ar -> worker.close().transform(x -> failure != null ? Future.<Void>failedFuture(failure)
        : ar.succeeded() ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(ar.cause())));
  }

  public boolean busy() {
    return recordsQueued > RECORDS_QUEUED_MAX && failure == null;
  }

  public Throwable failure() {
    return failure;
  }

  /** Records written to the output (and settled in the store). */
  public long written() {
    return written;
  }

  private interface Step<T> {
    T apply(Store store) throws Exception;
  }

  private <T> Future<T> submit(Step<T> step) {
    Op<T> op = new Op<>() {
      @Override
      T apply(Store store) throws Exception {
        return step.apply(store);
      }
    };
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    queue.add(op);
    if (!running) {
      runBatch();
    }
    return op.promise.future();
  }

  private void runBatch() {
    List<Op<?>> batch = queue;
    queue = new ArrayList<>();
    int records = recordsQueued;
    recordsQueued = 0;
    running = true;
    Store store = opened.store();
    worker.executeBlocking(() -> {
      try {
        for (Op<?> op : batch) {
          apply(op, store);
        }
        store.commit();
        return null;
      } catch (Exception | Error e) {
        store.rollback();
        throw e;
      }
    }, true).onComplete(ar -> {
      if (ar.succeeded()) {
        written += records;
      } else if (failure == null) {
        failure = new java.io.IOException("cannot keep the state of the run: " + ar.cause().getMessage(), ar.cause());
      }
      for (Op<?> op : batch) {
        complete(op); // what the callbacks queue goes in the next batch, one batch at a time
      }
      running = false;
      if (!queue.isEmpty()) {
        if (failure != null) {
          List<Op<?>> left = queue;
          queue = new ArrayList<>();
          left.forEach(this::complete);
        } else {
          runBatch();
        }
      }
    });
  }

  private static <T> void apply(Op<T> op, Store store) throws Exception {
    op.result = op.apply(store);
  }

  private <T> void complete(Op<T> op) {
    if (failure != null) {
      op.promise.tryFail(failure);
    } else {
      op.promise.tryComplete(op.result);
    }
  }
}
