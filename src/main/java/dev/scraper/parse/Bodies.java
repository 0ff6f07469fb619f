package dev.scraper.parse;

import dev.scraper.record.ErrorType;
import dev.scraper.fetch.FetchError;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Undoes a body's Content-Encoding (gzip, deflate) with a cap on the decoded size, so a gzip bomb stops at the cap.
 * Runs on a worker: the event loop only moves compressed bytes. Pure.
 */
public final class Bodies {
  private Bodies() {
  }

  /**
   * The decoded body.
   *
   * @param encoding the Content-Encoding header, or null
   * @param max the most decoded bytes accepted
   * @throws FetchError body-too-large past {@code max}; protocol for a corrupt or unknown encoding
   */
  public static byte[] decode(Buffer raw, String encoding, long max) {
    String enc = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
    byte[] bytes = raw == null ? new byte[0] : raw.getBytes();
    switch (enc) {
      case "", "identity" -> {
        return bytes;
      }
      case "gzip", "x-gzip" -> {
        return gunzip(bytes, max);
      }
      case "deflate" -> {
        try {
          return inflateZlib(bytes, max);
        } catch (FetchError e) {
          if (e.type() != ErrorType.PROTOCOL) {
            throw e;
          }
          return inflateRaw(bytes, max); // some servers send raw deflate without the zlib wrapper
        }
      }
      default -> throw new FetchError(ErrorType.PROTOCOL, "unsupported Content-Encoding '" + encoding + "'");
    }
  }

  /** One raw inflater per worker thread, reset between bodies: creating one costs more than a small page's inflate. */
  private static final ThreadLocal<Inflater> RAW = ThreadLocal.withInitial(() -> new Inflater(true));

  /** gzip (RFC 1952): the header is skipped by hand so that the thread's inflater can be reused; members in a row. */
  private static byte[] gunzip(byte[] gz, long max) {
    long limit = limit(max);
    byte[] out = new byte[(int) Math.min(limit, Math.max(1024, Math.min(64 * 1024L, gz.length * 4L)))];
    int n = 0;
    int pos = 0;
    Inflater inflater = RAW.get();
    try {
      do {
        int memberStart = n;
        pos = skipHeader(gz, pos);
        inflater.reset();
        inflater.setInput(gz, pos, gz.length - pos);
        while (!inflater.finished()) {
          if (n == out.length) {
            out = grow(out, limit, max);
          }
          int r = inflater.inflate(out, n, out.length - n);
          if (r == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
            throw new FetchError(ErrorType.PROTOCOL, "corrupt gzip body: truncated");
          }
          n += r;
        }
        pos = gz.length - inflater.getRemaining();
        checkTrailer(gz, pos, out, memberStart, n);
        pos += 8;
      } while (pos + 2 <= gz.length && (gz[pos] & 0xff) == 0x1f && (gz[pos + 1] & 0xff) == 0x8b);
    } catch (java.util.zip.DataFormatException | ArrayIndexOutOfBoundsException e) {
      throw new FetchError(ErrorType.PROTOCOL, "corrupt gzip body: " + e.getMessage());
    }
    if (n > max) {
      throw new FetchError(ErrorType.BODY_TOO_LARGE, "body passed maxBodyBytes=" + max + " while decompressing; stopped");
    }
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }

  /** The member's CRC-32 and length (mod 2^32), little-endian after its data, must match what was inflated. */
  private static void checkTrailer(byte[] gz, int pos, byte[] out, int from, int to) {
    if (gz.length - pos < 8) {
      throw new FetchError(ErrorType.PROTOCOL, "corrupt gzip body: truncated trailer");
    }
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(out, from, to - from);
    if (le32(gz, pos) != (int) crc.getValue() || le32(gz, pos + 4) != to - from) {
      throw new FetchError(ErrorType.PROTOCOL, "corrupt gzip body: trailer does not match (CRC or length)");
    }
  }

  private static int le32(byte[] b, int p) {
    return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
  }

  /** A full output array, doubled up to {@code limit}; past it the body is too large. */
  private static byte[] grow(byte[] full, long limit, long max) {
    if (full.length >= limit) {
      throw new FetchError(ErrorType.BODY_TOO_LARGE, "body passed maxBodyBytes=" + max + " while decompressing; stopped");
    }
    return java.util.Arrays.copyOf(full, (int) Math.min((long) full.length * 2, limit));
  }

  /** One past the most bytes accepted, within what one array holds. */
  private static long limit(long max) {
    return Math.min(Math.max(max, 0), Integer.MAX_VALUE - 9L) + 1;
  }

  /** The offset of the deflate data after the gzip member header at {@code pos}. */
  private static int skipHeader(byte[] gz, int pos) {
    if (gz.length - pos < 10 || (gz[pos] & 0xff) != 0x1f || (gz[pos + 1] & 0xff) != 0x8b || gz[pos + 2] != 8) {
      throw new FetchError(ErrorType.PROTOCOL, "corrupt gzip body: not in gzip format");
    }
    int flags = gz[pos + 3] & 0xff;
    int p = pos + 10;
    if ((flags & 4) != 0) {
      p += 2 + ((gz[p] & 0xff) | (gz[p + 1] & 0xff) << 8);
    }
    if ((flags & 8) != 0) {
      while (gz[p++] != 0) {
        // file name
      }
    }
    if ((flags & 16) != 0) {
      while (gz[p++] != 0) {
        // comment
      }
    }
    if ((flags & 2) != 0) {
      p += 2;
    }
    return p;
  }

  private static byte[] inflateZlib(byte[] bytes, long max) {
    try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(bytes))) {
      return readCapped(in, max);
    } catch (IOException e) {
      throw new FetchError(ErrorType.PROTOCOL, "corrupt deflate body: " + e.getMessage());
    }
  }

  private static byte[] inflateRaw(byte[] bytes, long max) {
    Inflater inflater = new Inflater(true);
    try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(bytes), inflater)) {
      return readCapped(in, max);
    } catch (IOException e) {
      throw new FetchError(ErrorType.PROTOCOL, "corrupt deflate body: " + e.getMessage());
    } finally {
      inflater.end();
    }
  }

  private static byte[] readCapped(InputStream in, long max) throws IOException {
    long limit = limit(max);
    byte[] out = new byte[(int) Math.min(limit, 64 * 1024)];
    int n = 0;
    while (true) {
      if (n == out.length) {
        out = grow(out, limit, max);
      }
      int r = in.read(out, n, out.length - n);
      if (r < 0) {
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
      }
      n += r;
    }
  }
}
