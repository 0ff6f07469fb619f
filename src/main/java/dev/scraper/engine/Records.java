package dev.scraper.engine;

import dev.scraper.fetch.FetchResult;
import dev.scraper.frontier.CrawlUrl;
import dev.scraper.parse.ParseStage;
import dev.scraper.record.ErrorType;
import dev.scraper.record.Record;
import io.vertx.core.json.JsonObject;

/** The records of a run's URLs, in the shape of the user contract. Pure and thread-safe (makers run on workers). */
final class Records {
  private Records() {
  }

  /** The record of a fetched URL. */
  static Record of(Run run, CrawlUrl url, FetchResult f, long bytes, JsonObject fields, ErrorType type,
                   String message) {
    return new Record(run.job().name(), run.id(), url.given(), f.finalUrl(), f.status(), f.latencyMs(), bytes,
        f.contentType(), f.fetchedAt(), f.attempts(), url.depth(), url.referrer(), true,
        fields == null ? new JsonObject() : fields, type == null ? null : type.wire(), message);
  }

  /** What the parse workers use to build a page's record. */
  static ParseStage.RecordMaker maker(Run run, CrawlUrl url) {
    return (f, bytes, fields, type, message) -> of(run, url, f, bytes, fields, type, message);
  }

  /** The record of a URL that was never fetched (robots.txt, cancelled): no status, attempts 0. */
  static Record notFetched(Run run, CrawlUrl url, ErrorType type, String message) {
    return error(run, url.given(), url.url().toString(), url.depth(), url.referrer(), type, message);
  }

  /** The record of a source line that is not a URL we fetch. */
  static Record invalid(Run run, String given, String message) {
    return error(run, given, given, 0, null, ErrorType.INVALID_URL, message);
  }

  private static Record error(Run run, String given, String finalUrl, int depth, String referrer, ErrorType type,
                              String message) {
    return new Record(run.job().name(), run.id(), given, finalUrl, null, 0, 0, null, System.currentTimeMillis(), 0,
        depth, referrer, true, new JsonObject(), type.wire(), message);
  }

  /** A record whose line the sink encodes itself. */
  static ParseStage.Encoded encoded(Record r) {
    return new ParseStage.Encoded(r, null, null);
  }
}
