package dev.scraper.frontier;

/**
 * SipHash-2-4 (Aumasson and Bernstein), a keyed 64-bit hash: without the key, a hostile page cannot choose links
 * whose fingerprints collide with a URL the crawl has not fetched yet (an unkeyed 64-bit hash such as FNV can be
 * attacked that way). The message is the string's UTF-16 code units, little-endian, four per 64-bit word. Pure.
 */
public final class SipHash {
  private SipHash() {
  }

  public static long hash(long k0, long k1, String s) {
    long[] v = {0x736f6d6570736575L ^ k0, 0x646f72616e646f6dL ^ k1, 0x6c7967656e657261L ^ k0,
        0x7465646279746573L ^ k1};
    int n = s.length();
    int full = n / 4;
    for (int w = 0; w < full; w++) {
      int i = w * 4;
      compress(v, (s.charAt(i) & 0xffffL) | (s.charAt(i + 1) & 0xffffL) << 16
          | (s.charAt(i + 2) & 0xffffL) << 32 | (s.charAt(i + 3) & 0xffffL) << 48);
    }
    long last = ((long) (2 * n) & 0xff) << 56;
    for (int i = full * 4, shift = 0; i < n; i++, shift += 16) {
      last |= (s.charAt(i) & 0xffffL) << shift;
    }
    compress(v, last);
    v[2] ^= 0xff;
    for (int r = 0; r < 4; r++) {
      round(v);
    }
    return v[0] ^ v[1] ^ v[2] ^ v[3];
  }

  /** Two rounds over one message word. */
  private static void compress(long[] v, long m) {
    v[3] ^= m;
    round(v);
    round(v);
    v[0] ^= m;
  }

  private static void round(long[] v) {
    v[0] += v[1];
    v[1] = Long.rotateLeft(v[1], 13) ^ v[0];
    v[0] = Long.rotateLeft(v[0], 32);
    v[2] += v[3];
    v[3] = Long.rotateLeft(v[3], 16) ^ v[2];
    v[0] += v[3];
    v[3] = Long.rotateLeft(v[3], 21) ^ v[0];
    v[2] += v[1];
    v[1] = Long.rotateLeft(v[1], 17) ^ v[2];
    v[2] = Long.rotateLeft(v[2], 32);
  }
}
