package dev.scraper.engine;

import dev.scraper.job.JobResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The engine's shutdown in two steps. First the grace ({@code shutdownGraceMs}): every run starts and reads nothing
 * more, and the URLs already fetched or parsed go on to their real records; it ends as soon as none is left in
 * flight (each run says so when its last one moves on: nothing polls), or when the grace is over. Then the rest is
 * cancelled: no request starts any more, each run gives every URL it read and did not finish a {@code cancelled}
 * record (or, for a run that resumes from dataDir, leaves it in its frontier with no record) and closes its sink.
 * A grace of 0 given while the grace goes on (a second SIGTERM) ends it at once. Event-loop owned.
 */
final class GracefulStop {
  private long graceMs;
  /** Completed when the grace under way is over; null before the shutdown. */
  private Promise<Void> over;

  /** The grace, in ms (0: none); 0 while the grace goes on ends it now. */
  void grace(long ms) {
    graceMs = ms;
    if (ms <= 0 && over != null) {
      over.tryComplete();
    }
  }

  /** Completes when the runs have nothing in flight, or after the grace (at once when it is 0). */
  Future<Void> drain(Vertx vertx, Collection<Run> runs) {
    if (graceMs <= 0 || runs.isEmpty()) {
      return Future.succeededFuture();
    }
    Promise<Void> over = Promise.promise();
    this.over = over;
    long timer = vertx.setTimer(graceMs, t -> over.tryComplete());
    Future.join(runs.stream().map(Run::drain).toList()).onComplete(ar -> {
      vertx.cancelTimer(timer);
      over.tryComplete();
    });
    return over.future();
  }

  /** Cancels what is left of every run; completes when each has ended (records written, sink closed). */
  static Future<?> cancel(Stages s, Collection<Run> runs) {
    s.board().close();
    s.dispatcher().stop();
    List<Future<JobResult>> ends = new ArrayList<>();
    for (Run r : new ArrayList<>(runs)) {
      r.cancel(Run.SHUT_DOWN);
      ends.add(r.done());
    }
    return Future.join(ends);
  }
}
