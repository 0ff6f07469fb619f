package dev.scraper.app;

import dev.scraper.state.ChangeFile;
import dev.scraper.state.ChangeLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The change state of the scheduled jobs, with a dataDir: each job's {@code <dataDir>/<job>/changes.db} ({@link
 * ChangeFile}) kept open across its runs, from when the job is taken on to when it is dropped or the process stops.
 * A file that cannot be opened is said, and that job keeps its answers in memory. Without a dataDir nothing is opened
 * and every job keeps them in memory. Event-loop owned.
 */
final class ChangeFiles {
  private final Vertx vertx;
  private final Path dataDir;
  private final Consumer<String> problem;
  private final Map<String, ChangeFile> open = new LinkedHashMap<>();

  ChangeFiles(Vertx vertx, Path dataDir, Consumer<String> problem) {
    this.vertx = vertx;
    this.dataDir = dataDir;
    this.problem = problem;
  }

  /** Opens the change state of each job not open yet; completes (never fails) when every one is open or said. */
  Future<Void> open(List<String> jobs) {
    List<Future<?>> opening = new ArrayList<>();
    for (String job : jobs) {
      if (dataDir != null && !open.containsKey(job)) {
        opening.add(ChangeFile.open(vertx, dataDir, job, problem).onSuccess(c -> open.put(job, c))
            .onFailure(e -> problem.accept("scraper: job " + job + ": cannot open its change state under dataDir"
                + " (kept in memory): " + e.getMessage())));
      }
    }
    return Future.join(opening).transform(x -> Future.succeededFuture());
  }

  /** The job's change state on disk, or null: in memory. */
  ChangeLog of(String job) {
    return open.get(job);
  }

  /** Closes the job's change state once {@code after} completes, unless the job is {@code taken} again by then. */
  void closeAfter(String job, Future<?> after, BooleanSupplier taken) {
    after.onComplete(x -> {
      if (!taken.getAsBoolean()) {
        ChangeFile c = open.remove(job);
        if (c != null) {
          c.close();
        }
      }
    });
  }

  /** Writes what is queued and closes every change state. */
  Future<Void> closeAll() {
    List<Future<Void>> closing = open.values().stream().map(ChangeFile::close).toList();
    open.clear();
    return Future.join(closing).transform(x -> Future.succeededFuture());
  }
}
