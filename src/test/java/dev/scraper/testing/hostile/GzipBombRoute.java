package dev.scraper.testing.hostile;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * {@code /gzip-bomb}: {@code Content-Encoding: gzip}, {@code Content-Type: text/html}, and a body that is one gzip
 * member of {@link #INFLATED} zero bytes (about 1 MB compressed, {@code Content-Length} exact). The body is made
 * once per JVM, lazily, on a worker thread (about 2.5 s).
 */
public final class GzipBombRoute implements HostileRoute {
  /** Size of the body once inflated: 1 GiB of zeros. */
  public static final long INFLATED = 1024L * 1024 * 1024;
  private static Buffer made;
  private static Future<Buffer> making;
  private static Vertx makingOn;

  @Override
  public void handle(Exchange ex) {
    bomb(ex.vertx()).onComplete(ar -> ex.onLoop(() -> {
      if (ar.failed()) {
        ex.respondHtml(500, "Internal Server Error", Http.page("bomb failed"));
        return;
      }
      Buffer body = ar.result();
      ex.write(Http.head(200, "OK", "Content-Type: text/html", "Content-Encoding: gzip",
          "Content-Length: " + body.length(), "Connection: close"));
      ex.write(body).onComplete(written -> ex.end());
    }));
  }

  /** The compressed body, made on first use (on a worker of {@code vertx}) and then kept for the JVM. */
  public static synchronized Future<Buffer> bomb(Vertx vertx) {
    if (made != null) {
      return Future.succeededFuture(made);
    }
    // a Vert.x closed while making it never completes its future: start again on another one
    if (making == null || making.failed() || makingOn != vertx) {
      makingOn = vertx;
      making = vertx.executeBlocking(() -> {
        Buffer body = Buffer.buffer(gzipZeros(INFLATED));
        synchronized (GzipBombRoute.class) {
          made = body;
        }
        return body;
      }, false);
    }
    return making;
  }

  /** One gzip member of {@code size} zeros, at the best compression. */
  static byte[] gzipZeros(long size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16) {
      {
        def.setLevel(Deflater.BEST_COMPRESSION);
      }
    }) {
      byte[] zeros = new byte[1 << 20];
      for (long left = size; left > 0; left -= zeros.length) {
        gzip.write(zeros, 0, (int) Math.min(zeros.length, left));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
