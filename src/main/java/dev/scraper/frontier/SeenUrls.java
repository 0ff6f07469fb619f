package dev.scraper.frontier;

import java.util.Locale;

/**
 * The set of URLs a job has already taken, kept as 64-bit fingerprints in one open-addressing table:
 * 16 to 32 bytes a URL (the table is at most half full), so a million URLs cost 16-32 MB instead of the URL strings.
 * Two URLs are the same when they differ only in the case of scheme and host, a default port, an empty path
 * or a fragment. Not thread-safe: owned by one event loop.
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

  /**
   * Adds the URL; false when it was already there. Growing never copies the whole table at once (that would
   * stall the event loop for a long list): the old table is moved over a few slots per add and searched until then.
   */
  public boolean add(String url) {
    long h = fingerprint(key(url));
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

  /**
   * The URL in the form used for comparing: scheme and host lower-cased, a default port dropped, an empty path
   * made "/", the fragment dropped. Scans the string (no {@link java.net.URI}): it runs on the event loop.
   */
  static String key(String url) {
    int hash = url.indexOf('#');
    String u = hash >= 0 ? url.substring(0, hash) : url;
    int colon = u.indexOf("://");
    if (colon <= 0) {
      return u;
    }
    String scheme = u.substring(0, colon).toLowerCase(Locale.ROOT);
    int start = colon + 3;
    int end = start;
    while (end < u.length() && u.charAt(end) != '/' && u.charAt(end) != '?') {
      end++;
    }
    String authority = u.substring(start, end).toLowerCase(Locale.ROOT);
    if (scheme.equals("http") && authority.endsWith(":80")) {
      authority = authority.substring(0, authority.length() - 3);
    } else if (scheme.equals("https") && authority.endsWith(":443")) {
      authority = authority.substring(0, authority.length() - 4);
    }
    String rest = u.substring(end);
    if (rest.isEmpty() || rest.charAt(0) == '?') {
      rest = "/" + rest;
    }
    return scheme + "://" + authority + rest;
  }

  /** 64-bit FNV-1a over the UTF-16 units, then a SplitMix64 finaliser for an even spread. */
  static long fingerprint(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      h ^= c & 0xff;
      h *= 0x100000001b3L;
      h ^= c >>> 8;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 30;
    h *= 0xbf58476d1ce4e5b9L;
    h ^= h >>> 27;
    h *= 0x94d049bb133111ebL;
    h ^= h >>> 31;
    return h;
  }
}
