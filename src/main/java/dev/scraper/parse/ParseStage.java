package dev.scraper.parse;

import dev.scraper.config.Defaults;
import dev.scraper.extract.Extractor;
import dev.scraper.extract.LinkExtractor;
import dev.scraper.fetch.FetchError;
import dev.scraper.fetch.FetchResult;
import dev.scraper.memory.MemoryBudget;
import dev.scraper.record.ErrorType;
import dev.scraper.record.Record;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Turns a fetched page into its record, on a named worker pool so the event loop never decodes, parses or
 * encodes: the body's Content-Encoding is undone (capped at maxBodyBytes), a body that is not HTML is refused,
 * the raw bytes go to Jsoup with the header's charset (or null, so Jsoup decides from the BOM and
 * {@code <meta charset>}), the fields (and, when asked, the links) are extracted and the record is encoded as its
 * JSON line. At most two pages per worker thread are handed to the pool at once (one parsed, one next), and only
 * while the {@link MemoryBudget} has room for the page counted as {@value Defaults#PARSE_MEMORY_FACTOR} times its
 * decoded size (a page alone is always parsed); the others wait in order. Their body bytes stay charged until their parse ends.
 */
public final class ParseStage {
  /** The worker pool's name, as seen in thread names. */
  public static final String POOL = "scraper-parse";
  private final WorkerExecutor workers;
  private final int threads;
  private final MemoryBudget budget;
  private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
  private int running;

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

  /**
   * A record, its JSON line (with the newline), ready for the sink, and the page's links when they were asked for.
   *
   * @param links absolute links in page order, or null when not asked for (or the page was not parsed)
   */
  public record Encoded(Record record, Buffer line, List<String> links) {
  }

  /** A stage with no memory budget of its own (for tools and tests). */
  public ParseStage(Vertx vertx, int threads) {
    this(vertx, threads, new MemoryBudget(Long.MAX_VALUE));
  }

  public ParseStage(Vertx vertx, int threads, MemoryBudget budget) {
    this.workers = vertx.createSharedWorkerExecutor(POOL, threads);
    this.threads = threads;
    this.budget = budget;
    budget.onFreed(this::next);
  }

  /** As {@link #process(FetchResult, Extractor, LinkExtractor, long, RecordMaker)}, without links. */
  public Future<Encoded> process(FetchResult fetched, Extractor extractor, long maxBodyBytes, RecordMaker maker) {
    return process(fetched, extractor, null, maxBodyBytes, maker);
  }

  /**
   * Decodes, sniffs, parses and extracts {@code fetched} (a successful fetch), and encodes its record; problems with
   * the page become error records. Takes over the body's bytes in the budget and gives them back when done. Fails
   * only if the worker itself fails (an Error in the parser, a closed pool). Call on the engine's event loop.
   *
   * @param links the links to return with the record, or null for none
   */
  public Future<Encoded> process(FetchResult fetched, Extractor extractor, LinkExtractor links, long maxBodyBytes,
                                 RecordMaker maker) {
    Promise<Encoded> done = Promise.promise();
    queue.addLast(new Waiting(fetched, extractor, links, maxBodyBytes, maker, done));
    next();
    return done.future();
  }

  /** Pages waiting for a worker or for memory. */
  public int waiting() {
    return queue.size();
  }

  private void next() {
    // twice the threads are handed to the pool, so that a worker finds its next page at once instead of waiting for
    // the event loop to hand it over; all of them are charged to the budget as being parsed
    while (running < 2 * threads && !queue.isEmpty()) {
      Waiting w = queue.peekFirst();
      MemoryBudget.Charge charge = w.fetched.charge();
      long estimate = estimate(w.fetched, w.maxBodyBytes);
      if (charge != null && !charge.fits(estimate, running == 0)) {
        return; // in order: a big page is not overtaken for ever by small ones
      }
      queue.pollFirst();
      running++;
      if (charge != null) {
        charge.resize(estimate);
      }
      workers.executeBlocking(() -> encode(w), false).onComplete(ar -> {
        running--;
        w.fetched.release();
        w.done.handle(ar);
        next();
      });
    }
  }

  /** The bytes a page's parse holds: its decoded size (compressed bodies guessed larger) times the factor. */
  static long estimate(FetchResult f, long maxBodyBytes) {
    long decoded = f.contentEncoding() == null ? f.bytes()
        : Math.min(maxBodyBytes, f.bytes() * Defaults.COMPRESSION_ESTIMATE);
    return Math.max(f.bytes(), decoded * Defaults.PARSE_MEMORY_FACTOR);
  }

  private static Encoded encode(Waiting w) {
    FetchResult f = w.fetched;
    byte[] body;
    try {
      body = Bodies.decode(f.body(), f.contentEncoding(), w.maxBodyBytes);
    } catch (FetchError e) {
      return encoded(w.maker.make(f, f.bytes(), null, e.type(), e.getMessage()), null);
    }
    if (!ContentTypes.isHtml(f.contentType(), body)) {
      return encoded(w.maker.make(f, body.length, null, ErrorType.NOT_HTML,
          ContentTypes.notHtmlReason(f.contentType(), body)), null);
    }
    if (w.extractor.isEmpty() && w.links == null) { // a probe: nothing to take from the tree, so none is built
      return encoded(w.maker.make(f, body.length, new JsonObject(), null, null), null);
    }
    Document doc;
    try {
      doc = parse(body, ContentTypes.charset(f.contentType()), f.finalUrl());
    } catch (IOException | RuntimeException e) {
      return encoded(w.maker.make(f, body.length, null, ErrorType.PROTOCOL, "cannot parse the body: " + e.getMessage()),
          null);
    }
    long decoded = body.length;
    body = null; // the document is all that is needed from here on
    JsonObject fields = w.extractor.extract(doc);
    List<String> found = w.links == null ? null : w.links.links(doc);
    return encoded(w.maker.make(f, decoded, fields, null, null), found);
  }

  private static Encoded encoded(Record r, List<String> links) {
    return new Encoded(r, r.toJson().toBuffer().appendByte((byte) '\n'), links);
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

  private record Waiting(FetchResult fetched, Extractor extractor, LinkExtractor links, long maxBodyBytes,
                         RecordMaker maker, Promise<Encoded> done) {
  }
}
