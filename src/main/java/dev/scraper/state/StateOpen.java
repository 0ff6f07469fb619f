package dev.scraper.state;

import dev.scraper.config.Defaults;
import dev.scraper.config.JobSpec;
import dev.scraper.sink.OutputLock;
import dev.scraper.url.Redaction;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens a job's state and its output together (blocking, on the job's state worker). The output is locked first.
 * An unfinished run with the same {@link Fingerprint} resumes: the output's half-written last line is cut off, the
 * records written after the last checkpoint settle their URLs, and records are appended. Anything else (no state,
 * a finished run, {@code fresh}) starts over: the state is emptied and the output truncated, as without dataDir.
 * Saved state for another config is refused with a {@link StateConflictException}, before anything changes.
 */
final class StateOpen {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What was opened, for the run. */
  record Opened(Store store, OutputLock lock, boolean resumed, long sourcePos, List<String> scope, long pending,
                List<KnownUrl> known) {
  }

  private StateOpen() {
  }

  static Opened open(JobSpec job, Path dataDir, boolean fresh) throws Exception {
    Path dir = dataDir.resolve(job.name());
    Files.createDirectories(dir);
    Path output = job.output().path().toAbsolutePath().normalize();
    if (output.getParent() != null) {
      Files.createDirectories(output.getParent());
    }
    OutputLock lock = OutputLock.acquire(output);
    try {
      return open(job, dir.resolve(StateDb.FILE), output, fresh, lock);
    } catch (Exception | Error e) {
      lock.release();
      throw e;
    }
  }

  private static Opened open(JobSpec job, Path file, Path output, boolean fresh, OutputLock lock) throws Exception {
    String fingerprint = Fingerprint.of(job);
    boolean resume = !fresh && unfinished(job, file, fingerprint);
    if (!resume) {
      for (String suffix : List.of("", "-wal", "-shm")) {
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
      }
    }
    StateDb db = new StateDb(file);
    FileChannel out = null;
    try {
      out = FileChannel.open(output, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      long k0;
      long k1;
      if (resume) {
        long offset = db.metaLong(Meta.OFFSET);
        if (out.size() < offset) {
          throw new StateConflictException("job " + job.name() + ": output '" + output + "' is shorter than when its"
              + " run stopped (was it changed?), so that run cannot resume; run with --fresh to start over");
        }
        settle(db, OutputTail.repair(out, offset));
        db.meta(Meta.OFFSET, out.position());
        k0 = db.metaLong(Meta.K0);
        k1 = db.metaLong(Meta.K1);
      } else {
        out.truncate(0);
        out.position(0);
        k0 = RANDOM.nextLong();
        k1 = RANDOM.nextLong();
        db.meta(Meta.FINGERPRINT, fingerprint);
        db.meta(Meta.STATE, Meta.RUNNING);
        db.meta(Meta.K0, k0);
        db.meta(Meta.K1, k1);
        db.meta(Meta.OFFSET, 0);
        db.meta(Meta.SOURCE_POS, 0);
        db.meta(Meta.ADMITTED, 0);
      }
      db.commit();
      long sourcePos = db.metaLong(Meta.SOURCE_POS);
      Store store = new Store(db, out, k0, k1, job.follow(), sourcePos);
      return new Opened(store, lock, resume, sourcePos, strings(db, "SELECT url FROM scope"),
          count(db, "SELECT count(*) FROM frontier"), known(db));
    } catch (Exception | Error e) {
      db.close();
      if (out != null) {
        out.close();
      }
      throw e;
    }
  }

  /** Whether {@code file} holds an unfinished run of this config; refuses one of another config. */
  static boolean unfinished(JobSpec job, Path file, String fingerprint) throws IOException {
    if (!Files.exists(file)) {
      return false;
    }
    try (StateDb db = new StateDb(file)) {
      if (!Meta.RUNNING.equals(db.meta(Meta.STATE))) {
        return false;
      }
      if (!fingerprint.equals(db.meta(Meta.FINGERPRINT))) {
        throw new StateConflictException("job " + job.name() + ": the unfinished run saved in '" + file.getParent()
            + "' had other seeds, follow rules or output (urls, urlsFile, sitemap, follow, output.path), so it cannot resume"
            + " with this config;"
            + " run with --fresh (or \"fresh\": true) to start over, or give another \"dataDir\"");
      }
      return true;
    } catch (SQLException e) {
      throw new StateConflictException("job " + job.name() + ": cannot read the state saved in '" + file.getParent()
          + "' (" + e.getMessage() + "); run with --fresh to start over");
    }
  }

  /** The URLs whose records were written after the last checkpoint are done: their rows leave the frontier. */
  private static void settle(StateDb db, List<String> recorded) throws SQLException {
    if (recorded.isEmpty()) {
      return;
    }
    Map<String, Integer> left = new HashMap<>();
    for (String url : recorded) {
      left.merge(url, 1, Integer::sum);
    }
    List<Long> rows = new ArrayList<>();
    try (Statement s = db.connection().createStatement();
         ResultSet r = s.executeQuery("SELECT id, url, given FROM frontier ORDER BY id")) {
      while (r.next() && rows.size() < recorded.size()) {
        String given = r.getString(3) != null ? r.getString(3) : r.getString(2);
        String shown = Redaction.url(given);
        Integer n = left.get(shown);
        if (n != null) {
          rows.add(r.getLong(1));
          if (n == 1) {
            left.remove(shown);
          } else {
            left.put(shown, n - 1);
          }
        }
      }
    }
    for (long row : rows) {
      db.delete.setLong(1, row);
      db.delete.executeUpdate();
    }
  }

  /** The last good answers kept for change detection (the most the engine keeps in memory). */
  private static List<KnownUrl> known(StateDb db) throws SQLException {
    List<KnownUrl> out = new ArrayList<>();
    try (PreparedStatement p = db.connection().prepareStatement("SELECT url, etag, modified, fields FROM ch.changes"
        + " LIMIT " + Defaults.CHANGE_ENTRIES); ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(new KnownUrl(r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
      }
    }
    return out;
  }

  private static List<String> strings(StateDb db, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement p = db.connection().prepareStatement(sql); ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }

  private static long count(StateDb db, String sql) throws SQLException {
    try (PreparedStatement p = db.connection().prepareStatement(sql); ResultSet r = p.executeQuery()) {
      return r.next() ? r.getLong(1) : 0;
    }
  }
}
