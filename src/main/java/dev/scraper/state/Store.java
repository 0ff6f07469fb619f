package dev.scraper.state;

import dev.scraper.config.FollowSpec;
import dev.scraper.frontier.CrawlUrl;
import dev.scraper.frontier.SipHash;
import dev.scraper.frontier.SourceEntry;
import dev.scraper.frontier.TrapGuards;
import dev.scraper.url.WebUrl;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The worker's side of a job's state: each batch of operations from the run (URLs offered, URLs taken, records to
 * append) becomes one transaction, and its records are appended to the output before that transaction commits
 * together with the new output offset. So a URL's links are in the store before its record is in the output, and
 * the output is the truth for what is done: a crash between the append and the commit leaves records after the
 * saved offset, which {@link OutputTail} finds at the next start. Used only on the job's state worker.
 */
final class Store implements AutoCloseable {
  private final StateDb db;
  private final FileChannel out;
  private final long k0;
  private final long k1;
  private final TrapGuards guards;
  private final List<ByteBuffer> lines = new ArrayList<>();
  private final List<Long> done = new ArrayList<>();
  private final Set<String> hostsChanged = new LinkedHashSet<>();
  private long sourcePos;
  private boolean counted;

  Store(StateDb db, FileChannel out, long k0, long k1, FollowSpec follow, long sourcePos) throws SQLException {
    this.db = db;
    this.out = out;
    this.k0 = k0;
    this.k1 = k1;
    this.sourcePos = sourcePos;
    this.guards = follow == null ? null : new TrapGuards(follow);
    if (guards != null) {
      guards.restore(db.metaLong(Meta.ADMITTED), db.hosts());
    }
  }

  /** Source lines read: new URLs join the frontier (seeds count towards the crawl's limits, never dropped). */
  Admitted seeds(List<SourceEntry> entries) throws SQLException {
    int queued = 0;
    int duplicates = 0;
    for (SourceEntry e : entries) {
      if (e.url() == null) {
        insert(null, e.given(), 0, null, e.where() + ": " + e.problem());
        queued++;
      } else if (!firstSeen(e.url())) {
        duplicates++;
      } else {
        count(e.url());
        insert(e.url().toString(), e.given(), 0, null, null);
        queued++;
      }
    }
    sourcePos += entries.size();
    db.meta(Meta.SOURCE_POS, sourcePos);
    return new Admitted(queued, 0, duplicates, Map.of());
  }

  /** A page's links: those not seen before and within the trap guards join the frontier. */
  Admitted links(List<CrawlUrl> links) throws SQLException {
    int queued = 0;
    int seen = 0;
    Map<String, Integer> dropped = new HashMap<>();
    for (CrawlUrl link : links) {
      if (!firstSeen(link.url())) {
        seen++;
        continue;
      }
      String why = guards == null ? null : guards.refusal(link.url());
      if (why != null) {
        dropped.merge(why, 1, Integer::sum);
      } else {
        count(link.url());
        insert(link.url().toString(), link.given(), link.depth(), link.referrer(), null);
        queued++;
      }
    }
    return new Admitted(queued, seen, 0, dropped);
  }

  /** A URL the run has now (where a page was redirected to): a link to it later is a duplicate. */
  void seen(WebUrl url) throws SQLException {
    firstSeen(url);
  }

  /** A host the crawl's scope takes in (a seed, or where a seed was redirected to), kept for a resumed run. */
  void scope(String url) throws SQLException {
    db.insertScope.setString(1, url);
    db.insertScope.executeUpdate();
  }

  /** Up to {@code max} URLs of the frontier after row {@code after}, in admission order. */
  List<Pending> take(long after, int max) throws SQLException {
    List<Pending> rows = new ArrayList<>();
    db.take.setLong(1, after);
    db.take.setInt(2, max);
    try (ResultSet r = db.take.executeQuery()) {
      while (r.next()) {
        long id = r.getLong(1);
        String url = r.getString(2);
        String given = r.getString(3);
        if (url == null) {
          rows.add(new Pending(id, null, given, r.getString(6)));
        } else {
          WebUrl parsed = WebUrl.parse(url);
          rows.add(new Pending(id, new CrawlUrl(given == null ? url : given, parsed, r.getInt(4), r.getString(5)),
              null, null));
        }
      }
    }
    return rows;
  }

  /** A record to append, and the row it settles (or -1). */
  void record(byte[] line, long row) {
    lines.add(ByteBuffer.wrap(line));
    if (row >= 0) {
      done.add(row);
    }
  }

  /** Keeps a URL's last good answer ({@code fields} null: it had an error, and is forgotten). */
  void change(KnownUrl known) throws SQLException {
    if (known.fields() == null) {
      db.dropChange.setString(1, known.url());
      db.dropChange.executeUpdate();
      return;
    }
    PreparedStatement p = db.putChange;
    p.setString(1, known.url());
    p.setString(2, known.etag());
    p.setString(3, known.lastModified());
    p.setString(4, known.fields());
    p.executeUpdate();
  }

  void finished() throws SQLException {
    db.meta(Meta.STATE, Meta.FINISHED);
  }

  /**
   * Ends the batch: records appended and synced to the disk, their rows settled with the new offset, guards saved,
   * all committed. One sync a batch: the busier the run, the more records each covers.
   */
  void commit() throws SQLException, IOException {
    if (!lines.isEmpty()) {
      ByteBuffer[] all = lines.toArray(new ByteBuffer[0]);
      long left = 0;
      for (ByteBuffer b : all) {
        left += b.remaining();
      }
      while (left > 0) {
        left -= out.write(all);
      }
      lines.clear();
      out.force(false); // the records are on the disk before the transaction marks their URLs done
      db.meta(Meta.OFFSET, out.position());
    }
    for (long row : done) {
      db.delete.setLong(1, row);
      db.delete.addBatch();
    }
    if (!done.isEmpty()) {
      db.delete.executeBatch();
      done.clear();
    }
    if (counted) {
      db.meta(Meta.ADMITTED, guards.admitted());
      for (String h : hostsChanged) {
        db.host(h, guards.admitted(h));
      }
      hostsChanged.clear();
      counted = false;
    }
    db.commit();
  }

  /** Makes the output durable on the disk (not only against a killed process). */
  void sync() throws IOException {
    out.force(false);
  }

  void rollback() {
    lines.clear();
    done.clear();
    db.rollbackQuietly();
  }

  private boolean firstSeen(WebUrl url) throws SQLException {
    db.insertSeen.setLong(1, SipHash.hash(k0, k1, url.toString()));
    return db.insertSeen.executeUpdate() == 1;
  }

  private void count(WebUrl url) {
    if (guards != null) {
      guards.count(url);
      hostsChanged.add(url.hostKey());
      counted = true;
    }
  }

  private void insert(String url, String given, int depth, String referrer, String problem) throws SQLException {
    PreparedStatement p = db.insertUrl;
    p.setString(1, url);
    p.setString(2, url != null && url.equals(given) ? null : given);
    p.setInt(3, depth);
    p.setString(4, referrer);
    p.setString(5, problem);
    p.executeUpdate();
  }

  @Override
  public void close() throws Exception {
    try (out) {
      db.close();
    }
  }
}
