package dev.scraper.parse;

import dev.scraper.fetch.ErrorType;
import dev.scraper.fetch.FetchError;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
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
        return inflate(bytes, max, true);
      }
      case "deflate" -> {
        try {
          return inflate(bytes, max, false);
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

  private static byte[] inflate(byte[] bytes, long max, boolean gzip) {
    try (InputStream in = gzip ? new GZIPInputStream(new ByteArrayInputStream(bytes), 8192)
        : new InflaterInputStream(new ByteArrayInputStream(bytes))) {
      return readCapped(in, max);
    } catch (IOException e) {
      throw new FetchError(ErrorType.PROTOCOL, "corrupt " + (gzip ? "gzip" : "deflate") + " body: " + e.getMessage());
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
    long limit = Math.min(Math.max(max, 0) + 1, Integer.MAX_VALUE - 8);
    byte[] out = new byte[(int) Math.min(limit, 64 * 1024)];
    int n = 0;
    while (true) {
      if (n == out.length) {
        if (n >= limit) {
          throw new FetchError(ErrorType.BODY_TOO_LARGE,
              "body passed maxBodyBytes=" + max + " while decompressing; stopped");
        }
        out = java.util.Arrays.copyOf(out, (int) Math.min((long) out.length * 2, limit));
      }
      int r = in.read(out, n, out.length - n);
      if (r < 0) {
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
      }
      n += r;
    }
  }
}
