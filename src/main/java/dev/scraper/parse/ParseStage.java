package dev.scraper.parse;

import dev.scraper.config.Defaults;
import dev.scraper.extract.Extractor;
import dev.scraper.filter.FoundLinks;
import dev.scraper.filter.LinkFinder;
import dev.scraper.frontier.CrawlUrl;
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
 * encodes: the body's Content-Encoding is undone (capped at maxBodyBytes); a job that extracts nothing takes any
 * body as it is (a probe: a JSON health endpoint is a success) and parses nothing; else a body that is not HTML is
 * refused ({@code not-html}),
 * the raw bytes go to Jsoup with the header's charset (or null, so Jsoup decides from the BOM and
 * {@code <meta charset>}), the fields (and, for a crawl, the links) are extracted and the record is encoded as its
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
   * A record, its JSON line (with the newline), ready for the sink, and what the page gives a crawl.
   *
   * @param links the page's links that passed the job's rules, {@link FoundLinks#NONE} when the job follows none
   *     (or the page was not parsed)
   */
  public record Encoded(Record record, Buffer line, FoundLinks links) {
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

  /** As {@link #process(FetchResult, Extractor, LinkFinder, CrawlUrl, long, RecordMaker)}, for a job that follows no links. */
  public Future<Encoded> process(FetchResult fetched, Extractor extractor, long maxBodyBytes, RecordMaker maker) {
    return process(fetched, extractor, null, null, maxBodyBytes, maker);
  }

  /**
   * Decodes, sniffs, parses and extracts {@code fetched} (a successful fetch), and encodes its record; problems with
   * the page become error records. Takes over the body's bytes in the budget and gives them back when done. Fails
   * only if the worker itself fails (an Error in the parser, a closed pool). Call on the engine's event loop.
   *
   * @param links the job's crawl rules, or null when it follows no links
   * @param page the page fetched (its depth and URL for the links found), or null without links
   */
  public Future<Encoded> process(FetchResult fetched, Extractor extractor, LinkFinder links, CrawlUrl page,
                                 long maxBodyBytes, RecordMaker maker) {
    Promise<Encoded> done = Promise.promise();
    queue.addLast(new Waiting(fetched, extractor, links, page, maxBodyBytes, maker, done));
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
      return encoded(w.maker.make(f, f.bytes(), null, e.type(), e.getMessage()), FoundLinks.NONE);
    }
    if (w.extractor.isEmpty() && w.links == null) {
      return encoded(w.maker.make(f, body.length, new JsonObject(), null, null), FoundLinks.NONE); // a probe
    }
    if (!ContentTypes.isHtml(f.contentType(), body)) {
      return encoded(w.maker.make(f, body.length, null, ErrorType.NOT_HTML,
          ContentTypes.notHtmlReason(f.contentType(), body)), FoundLinks.NONE);
    }
    Document doc;
    try {
      doc = parse(body, ContentTypes.charset(f.contentType()), f.finalUrl());
    } catch (IOException | RuntimeException e) {
      return encoded(w.maker.make(f, body.length, null, ErrorType.PROTOCOL, "cannot parse the body: " + e.getMessage()),
          FoundLinks.NONE);
    }
    long decoded = body.length;
    body = null; // the document is all that is needed from here on
    FoundLinks found = w.links == null ? FoundLinks.NONE : w.links.find(doc, w.page, f.finalUrl(), f.robotsTag());
    JsonObject fields = found.noindex() ? new JsonObject() : w.extractor.extract(doc); // noindex: nothing taken
    return encoded(w.maker.make(f, decoded, fields, null, null), found);
  }

  private static Encoded encoded(Record r, FoundLinks links) {
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

  private record Waiting(FetchResult fetched, Extractor extractor, LinkFinder links, CrawlUrl page, long maxBodyBytes,
                         RecordMaker maker, Promise<Encoded> done) {
  }
}
