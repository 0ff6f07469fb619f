package dev.scraper.parse;

import dev.scraper.extract.Extractor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Parses bodies with Jsoup and extracts fields, on a named worker pool so the event loop never parses. Parses run
 * in parallel (unordered). The body's raw bytes go to Jsoup with the header's charset, or null so that Jsoup
 * decides from the BOM and {@code <meta charset>}.
 */
public final class ParseStage {
  /** The worker pool's name, as seen in thread names. */
  public static final String POOL = "scraper-parse";
  private final WorkerExecutor workers;

  public ParseStage(Vertx vertx, int threads) {
    this.workers = vertx.createSharedWorkerExecutor(POOL, threads);
  }

  /** Parses {@code body} as the page at {@code baseUri} and extracts the fields; fails if the parser throws. */
  public Future<JsonObject> parse(Buffer body, String contentType, String baseUri, Extractor extractor) {
    String charset = ContentTypes.charset(contentType);
    return workers.executeBlocking(() -> extractor.extract(parse(body, charset, baseUri)), false);
  }

  /** The parse itself; public for tests and benchmarks that run it without Vert.x. */
  public static Document parse(Buffer body, String charset, String baseUri) throws java.io.IOException {
    return Jsoup.parse(new ByteArrayInputStream(body.getBytes()), charset, baseUri);
  }

  public Future<Void> close() {
    return workers.close();
  }
}
