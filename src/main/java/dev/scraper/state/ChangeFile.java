package dev.scraper.state;

import dev.scraper.config.Defaults;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A job's {@code changes.db} on its own, for runs that keep no other state (scheduled jobs, the management API's
 * jobs): the same table a {@link JobState} keeps it in, opened once for the life of the job. Changes are queued on
 * the event loop and written on a small worker pool all jobs share, one transaction a batch, a batch taking everything
 * queued while the one before ran (only the latest answer of a URL). SQLite's WAL journal makes each commit survive a
 * killed process, so a run after a crash works from the last complete batch. A failure to write is said once; the
 * answers stay in memory. Event-loop owned.
 */
public final class ChangeFile implements ChangeLog {
  private final WorkerExecutor worker;
  private final Connection db;
  private final Consumer<String> problems;
  private final String job;
  private List<KnownUrl> known;
  private Map<String, KnownUrl> queue = new LinkedHashMap<>();
  private boolean running;
  private boolean failed;
  private Promise<Void> drained;
  private Future<Void> closed;

  private ChangeFile(WorkerExecutor worker, Connection db, List<KnownUrl> known, String job,
                     Consumer<String> problems) {
    this.worker = worker;
    this.db = db;
    this.known = known;
    this.job = job;
    this.problems = problems;
  }

  /** Opens (or makes) {@code <dataDir>/<job>/changes.db} and reads what it keeps, off the event loop. */
  public static Future<ChangeFile> open(Vertx vertx, Path dataDir, String job, Consumer<String> problems) {
    // one pool for every job (not a thread each): a file has one batch written at a time, so its writes keep order
    WorkerExecutor worker = vertx.createSharedWorkerExecutor("scraper-changes", 2);
    Path file = dataDir.resolve(job).resolve(StateDb.CHANGES);
    return worker.executeBlocking(() -> {
      Files.createDirectories(file.getParent());
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try {
        List<KnownUrl> known = new ArrayList<>();
        try (Statement s = c.createStatement()) {
          s.execute("PRAGMA journal_mode=WAL");
          s.execute("PRAGMA synchronous=NORMAL");
          s.execute("CREATE TABLE IF NOT EXISTS changes(url TEXT PRIMARY KEY, etag TEXT, modified TEXT,"
              + " fields TEXT NOT NULL)");
          try (ResultSet r = s.executeQuery("SELECT url, etag, modified, fields FROM changes LIMIT "
              + Defaults.CHANGE_ENTRIES)) {
            while (r.next()) {
              known.add(new KnownUrl(r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
            }
          }
        }
        c.setAutoCommit(false);
        return new ChangeFile(worker, c, known, job, problems);
      } catch (SQLException | RuntimeException e) {
        c.close();
        throw e;
      }
    }, true).onFailure(e -> worker.close());
  }

  @Override
  public List<KnownUrl> known() {
    List<KnownUrl> k = known;
    known = List.of();
    return k;
  }

  @Override
  public void change(KnownUrl k) {
    if (failed || closed != null) {
      return;
    }
    queue.put(k.url(), k);
    if (!running) {
      write();
    }
  }

  /** Completes when every change queued so far is committed. */
  public Future<Void> flush() {
    if (!running) {
      return Future.succeededFuture();
    }
    if (drained == null) {
      drained = Promise.promise();
    }
    return drained.future();
  }

  /** Writes what is queued, then closes the file; never fails. */
  public Future<Void> close() {
    if (closed == null) {
      closed = flush().transform(x -> worker.executeBlocking(() -> {
        db.close();
        return null;
      }, true)).transform(x -> worker.close()).otherwiseEmpty().mapEmpty();
    }
    return closed;
  }

  private void write() {
    List<KnownUrl> batch = new ArrayList<>(queue.values());
    queue = new LinkedHashMap<>();
    running = true;
    worker.executeBlocking(() -> {
      try (PreparedStatement put = db.prepareStatement("INSERT OR REPLACE INTO changes(url, etag, modified, fields)"
          + " VALUES (?, ?, ?, ?)");
          PreparedStatement drop = db.prepareStatement("DELETE FROM changes WHERE url = ?")) {
        for (KnownUrl k : batch) {
          if (k.fields() == null) {
            drop.setString(1, k.url());
            drop.executeUpdate();
          } else {
            put.setString(1, k.url());
            put.setString(2, k.etag());
            put.setString(3, k.lastModified());
            put.setString(4, k.fields());
            put.executeUpdate();
          }
        }
        db.commit();
        return null;
      } catch (SQLException | RuntimeException e) {
        db.rollback();
        throw e;
      }
    }, true).onComplete(ar -> {
      running = false;
      if (ar.failed()) {
        failed = true;
        queue.clear();
        problems.accept("scraper: job " + job + ": cannot keep its change state under dataDir (it stays in memory):"
            + " " + ar.cause().getMessage());
      }
      if (!queue.isEmpty()) {
        write();
      } else if (drained != null) {
        Promise<Void> d = drained;
        drained = null;
        d.complete();
      }
    });
  }
}
