package dev.scraper.state;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * One job's SQLite database: the frontier (every URL admitted and not yet recorded, in admission order), the seen
 * set (keyed 64-bit fingerprints of every URL taken), the crawl's counts per host, its scope, and a few values
 * (fingerprint of the config, output offset, source position...). Attached as {@code ch}, a file of its own
 * ({@link #CHANGES}) that starting over leaves alone: each URL's last good answer, for change detection. WAL journal with {@code synchronous=NORMAL}: a
 * commit survives a killed process. Blocking, not thread-safe: used only on the job's state worker.
 */
final class StateDb implements AutoCloseable {
  static final String FILE = "state.db";
  static final String CHANGES = "changes.db";
  private final Connection c;
  final PreparedStatement insertSeen;
  final PreparedStatement insertUrl;
  final PreparedStatement take;
  final PreparedStatement delete;
  final PreparedStatement insertScope;
  final PreparedStatement putChange;
  final PreparedStatement dropChange;
  private final PreparedStatement putMeta;
  private final PreparedStatement putHost;

  StateDb(Path file) throws SQLException {
    c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=NORMAL");
      s.execute("PRAGMA cache_size=-8000"); // 8 MB of pages, whatever the crawl's size
      s.execute("CREATE TABLE IF NOT EXISTS meta(k TEXT PRIMARY KEY, v TEXT NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS seen(h INTEGER PRIMARY KEY)");
      // AUTOINCREMENT: a row id is never used again, even once every row is done and deleted, so a URL admitted
      // later always comes after the last row the run read (a plain rowid would start again at max + 1)
      s.execute("CREATE TABLE IF NOT EXISTS frontier(id INTEGER PRIMARY KEY AUTOINCREMENT, url TEXT, given TEXT,"
          + " depth INTEGER NOT NULL, referrer TEXT, problem TEXT)");
      s.execute("CREATE TABLE IF NOT EXISTS hosts(host TEXT PRIMARY KEY, n INTEGER NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS scope(url TEXT PRIMARY KEY)");
      s.execute("ATTACH DATABASE '" + file.resolveSibling(CHANGES).toAbsolutePath().toString().replace("'", "''")
          + "' AS ch");
      s.execute("PRAGMA ch.journal_mode=WAL");
      s.execute("CREATE TABLE IF NOT EXISTS ch.changes(url TEXT PRIMARY KEY, etag TEXT, modified TEXT,"
          + " fields TEXT NOT NULL)");
    }
    c.setAutoCommit(false);
    insertSeen = c.prepareStatement("INSERT OR IGNORE INTO seen(h) VALUES (?)");
    insertUrl = c.prepareStatement("INSERT INTO frontier(url, given, depth, referrer, problem) VALUES (?, ?, ?, ?, ?)");
    take = c.prepareStatement("SELECT id, url, given, depth, referrer, problem FROM frontier WHERE id > ?"
        + " ORDER BY id LIMIT ?");
    delete = c.prepareStatement("DELETE FROM frontier WHERE id = ?");
    insertScope = c.prepareStatement("INSERT OR IGNORE INTO scope(url) VALUES (?)");
    putChange = c.prepareStatement("INSERT OR REPLACE INTO ch.changes(url, etag, modified, fields) VALUES (?, ?, ?, ?)");
    dropChange = c.prepareStatement("DELETE FROM ch.changes WHERE url = ?");
    putMeta = c.prepareStatement("INSERT OR REPLACE INTO meta(k, v) VALUES (?, ?)");
    putHost = c.prepareStatement("INSERT OR REPLACE INTO hosts(host, n) VALUES (?, ?)");
  }

  Connection connection() {
    return c;
  }

  String meta(String key) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT v FROM meta WHERE k = ?")) {
      p.setString(1, key);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  long metaLong(String key) throws SQLException {
    String v = meta(key);
    return v == null ? 0 : Long.parseLong(v);
  }

  void meta(String key, Object value) throws SQLException {
    putMeta.setString(1, key);
    putMeta.setString(2, String.valueOf(value));
    putMeta.executeUpdate();
  }

  void host(String host, long n) throws SQLException {
    putHost.setString(1, host);
    putHost.setLong(2, n);
    putHost.executeUpdate();
  }

  Map<String, Long> hosts() throws SQLException {
    Map<String, Long> out = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT host, n FROM hosts")) {
      while (r.next()) {
        out.put(r.getString(1), r.getLong(2));
      }
    }
    return out;
  }

  void commit() throws SQLException {
    c.commit();
  }

  void rollbackQuietly() {
    try {
      c.rollback();
    } catch (SQLException e) {
      // the connection is failing anyway: the first failure is the one reported
    }
  }

  @Override
  public void close() throws SQLException {
    c.close();
  }
}
