package dev.scraper.frontier;

import java.net.URI;
import java.util.Locale;

/**
 * The set of URLs a job has already taken, kept as 64-bit fingerprints in one open-addressing table:
 * 16 bytes a URL at most, so a million URLs cost about 16 MB instead of the URL strings.
 * Two URLs are the same when they differ only in the case of scheme and host, a default port, an empty path
 * or a fragment. Not thread-safe: owned by one event loop.
 */
public final class SeenUrls {
  private long[] table = new long[1024];
  private int size;
  private boolean hasZero;

  /** Adds the URL; false when it was already there. */
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

  private void grow() {
    long[] bigger = new long[table.length * 2];
    for (long h : table) {
      if (h != 0) {
        insert(bigger, h);
      }
    }
    table = bigger;
  }

  /** The URL in the form used for comparing. */
  static String key(String url) {
    try {
      URI u = new URI(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
      int port = u.getPort();
      if ((port == 80 && scheme.equals("http")) || (port == 443 && scheme.equals("https"))) {
        port = -1;
      }
      String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
      String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
      return scheme + "://" + host + (port < 0 ? "" : ":" + port) + path + query;
    } catch (Exception e) {
      return url;
    }
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
