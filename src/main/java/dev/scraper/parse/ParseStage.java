package dev.scraper.parse;

import dev.scraper.extract.Extractor;
import dev.scraper.fetch.ErrorType;
import dev.scraper.fetch.FetchError;
import dev.scraper.fetch.FetchResult;
import dev.scraper.sink.Record;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Turns a fetched page into its record, on a named worker pool so the event loop never decodes, parses or
 * encodes: the body's Content-Encoding is undone (capped at maxBodyBytes), a body that is not HTML is refused,
 * the raw bytes go to Jsoup with the header's charset (or null, so Jsoup decides from the BOM and
 * {@code <meta charset>}), the fields are extracted and the record is encoded as its JSON line. Pages are
 * processed in parallel (unordered).
 */
public final class ParseStage {
  /** The worker pool's name, as seen in thread names. */
  public static final String POOL = "scraper-parse";
  private final WorkerExecutor workers;

  /** Builds a page's record from what the worker found; must be thread-safe (it runs on workers). */
  @FunctionalInterface
  public interface RecordMaker {
    /**
     * @param bytes the decoded body size
     * @param fields the extracted fields, or null on error
     * @param error the error type, or null
     */
    Record make(FetchResult fetched, long bytes, JsonObject fields, ErrorType error, String message);
  }

  /** A record and its JSON line (with the newline), ready for the sink. */
  public record Encoded(Record record, Buffer line) {
  }

  public ParseStage(Vertx vertx, int threads) {
    this.workers = vertx.createSharedWorkerExecutor(POOL, threads);
  }

  /**
   * Decodes, sniffs, parses and extracts {@code fetched} (a successful fetch), and encodes its record; problems with
   * the page become error records. Fails only if the worker itself fails (an Error in the parser, a closed pool).
   */
  public Future<Encoded> process(FetchResult fetched, Extractor extractor, long maxBodyBytes, RecordMaker maker) {
    return workers.executeBlocking(() -> encode(record(fetched, extractor, maxBodyBytes, maker)), false);
  }

  private static Record record(FetchResult f, Extractor extractor, long maxBodyBytes, RecordMaker maker) {
    byte[] body;
    try {
      body = Bodies.decode(f.body(), f.contentEncoding(), maxBodyBytes);
    } catch (FetchError e) {
      return maker.make(f, f.bytes(), null, e.type(), e.getMessage());
    }
    if (!ContentTypes.isHtml(f.contentType(), body)) {
      return maker.make(f, body.length, null, ErrorType.NOT_HTML, ContentTypes.notHtmlReason(f.contentType(), body));
    }
    try {
      Document doc = parse(body, ContentTypes.charset(f.contentType()), f.finalUrl());
      return maker.make(f, body.length, extractor.extract(doc), null, null);
    } catch (IOException | RuntimeException e) {
      return maker.make(f, body.length, null, ErrorType.PROTOCOL, "cannot parse the body: " + e.getMessage());
    }
  }

  private static Encoded encode(Record r) {
    return new Encoded(r, r.toJson().toBuffer().appendByte((byte) '\n'));
  }

  /** Parses {@code body} as the page at {@code baseUri} and extracts the fields (no decoding, no sniffing). */
  public Future<JsonObject> parse(Buffer body, String contentType, String baseUri, Extractor extractor) {
    String charset = ContentTypes.charset(contentType);
    return workers.executeBlocking(() -> extractor.extract(parse(body.getBytes(), charset, baseUri)), false);
  }

  /** The parse itself; public for tests and benchmarks that run it without Vert.x. */
  public static Document parse(Buffer body, String charset, String baseUri) throws IOException {
    return parse(body.getBytes(), charset, baseUri);
  }

  static Document parse(byte[] body, String charset, String baseUri) throws IOException {
    return Jsoup.parse(new ByteArrayInputStream(body), charset, baseUri);
  }

  public Future<Void> close() {
    return workers.close();
  }
}
