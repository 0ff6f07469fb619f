package dev.scraper.frontier;

import dev.scraper.url.InvalidUrlException;
import dev.scraper.url.WebUrl;

/**
 * The set of URLs a job has already taken, kept as keyed 64-bit fingerprints ({@link SipHash}) in one
 * open-addressing table:
 * 16 to 32 bytes a URL (the table is at most half full), so a million URLs cost 16-32 MB instead of the URL strings.
 * Two URLs are the same when their {@link WebUrl} normal forms are (case of scheme and host, default port, empty
 * path, dot segments, escapes, fragment...). Not thread-safe: owned by one event loop.
 */
public final class SeenUrls {
  /** Old-table slots moved per add while the table grows: the move ends long before the next growth. */
  private static final int MOVE_PER_ADD = 8;
  private long[] table = new long[1024];
  /** The table being emptied into {@link #table} after a growth, a few slots per add; null when none. */
  private long[] old;
  private int moved;
  private int size;
  private boolean hasZero;
  /** The key of the fingerprints, random per set: links a page chooses cannot be made to collide. */
  private final long k0;
  private final long k1;

  public SeenUrls() {
    this.k0 = Keys.RANDOM.nextLong();
    this.k1 = Keys.RANDOM.nextLong();
  }

  /** One source of keys for the process, made when this class loads (the launcher preloads it off the event loop). */
  private static final class Keys {
    static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
  }

  /**
   * Adds the URL; false when it was already there. Growing never copies the whole table at once (that would
   * stall the event loop for a long list): the old table is moved over a few slots per add and searched until then.
   */
  public boolean add(WebUrl url) {
    return addKey(url.toString());
  }

  /** As {@link #add(WebUrl)}, for a string that may not be a URL (compared as given then). */
  public boolean add(String url) {
    return addKey(key(url));
  }

  private boolean addKey(String key) {
    long h = fingerprint(key);
    if (h == 0) {
      if (hasZero) {
        return false;
      }
      hasZero = true;
      size++;
      return true;
    }
    if (size * 2 >= table.length) {
      grow();
    }
    if (old != null) {
      if (contains(old, h)) {
        return false;
      }
      moveSome();
    }
    if (!insert(table, h)) {
      return false;
    }
    size++;
    return true;
  }

  public int size() {
    return size;
  }

  private static boolean insert(long[] t, long h) {
    int mask = t.length - 1;
    int i = (int) (h ^ (h >>> 32)) & mask;
    while (t[i] != 0) {
      if (t[i] == h) {
        return false;
      }
      i = (i + 1) & mask;
    }
    t[i] = h;
    return true;
  }

  private static boolean contains(long[] t, long h) {
    int mask = t.length - 1;
    int i = (int) (h ^ (h >>> 32)) & mask;
    while (t[i] != 0) {
      if (t[i] == h) {
        return true;
      }
      i = (i + 1) & mask;
    }
    return false;
  }

  private void grow() {
    while (old != null) {
      moveSome(); // only if adds outran the move (they cannot with doubling; kept as a guard)
    }
    old = table;
    moved = 0;
    table = new long[old.length * 2];
  }

  /**
   * Moves the next slots of the old table into the new one. A moved slot stays in the old table until the move
   * ends, so a search of the old table still finds it (open addressing needs the probe chains intact).
   */
  private void moveSome() {
    int end = Math.min(old.length, moved + MOVE_PER_ADD);
    for (int i = moved; i < end; i++) {
      if (old[i] != 0) {
        insert(table, old[i]);
      }
    }
    moved = end;
    if (moved == old.length) {
      old = null;
    }
  }

  /** The URL in the form used for comparing ({@link WebUrl#toString()}); a string that is not a URL, as given. */
  static String key(String url) {
    try {
      return WebUrl.parse(url).toString();
    } catch (InvalidUrlException e) {
      return url;
    }
  }

  /** The URL's keyed 64-bit fingerprint (SipHash-2-4 with this set's random key). */
  long fingerprint(String s) {
    return SipHash.hash(k0, k1, s);
  }

}
