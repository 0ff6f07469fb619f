package dev.scraper.engine;

import dev.scraper.fetch.FetchResult;
import dev.scraper.frontier.CrawlUrl;
import dev.scraper.parse.ParseStage;
import dev.scraper.record.ErrorType;
import dev.scraper.record.Record;
import dev.scraper.record.Timings;
import dev.scraper.url.Redaction;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The records of a run's URLs, in the shape of the user contract. Pure and thread-safe (makers run on workers). */
final class Records {
  private Records() {
  }

  /**
   * The record of a fetched URL.
   *
   * @param queuedMs from the URL's reading to its first request
   */
  static Record of(Run run, CrawlUrl url, long queuedMs, FetchResult f, long bytes, JsonObject fields,
                   ErrorType type, String message) {
    return of(run, url, queuedMs, f, bytes, fields, type, message, true);
  }

  /** As above; {@code changed} says whether the fields differ from the URL's last good answer. */
  static Record of(Run run, CrawlUrl url, long queuedMs, FetchResult f, long bytes, JsonObject fields,
                   ErrorType type, String message, boolean changed) {
    return of(run.job().name(), run.id(), url, queuedMs, f, bytes, fields, type, message, changed);
  }

  /** As above, for the run {@code runId} of {@code job} (a URL fetched for another node's run). */
  static Record of(String job, String runId, CrawlUrl url, long queuedMs, FetchResult f, long bytes,
                   JsonObject fields, ErrorType type, String message, boolean changed) {
    return new Record(job, runId, Redaction.url(url.given()), f.finalUrl(), f.status(),
        f.latencyMs(), bytes, f.contentType(), f.fetchedAt(), f.attempts(), url.depth(),
        Redaction.url(url.referrer()), changed, fields == null ? new JsonObject() : fields,
        type == null ? null : type.wire(), message, f.location(), f.redirects(),
        new Timings(queuedMs, f.connectMs(), f.ttfbMs(), f.totalMs()));
  }

  /**
   * What the parse workers use to build a page's record: it is unchanged when it is good and its fields equal those
   * of {@code last}, the URL's last good answer (or null).
   */
  static ParseStage.RecordMaker maker(Run run, CrawlUrl url, long queuedMs, Changes.Last last) {
    return (f, bytes, fields, type, message) -> of(run, url, queuedMs, f, bytes, fields, type, message,
        type != null || last == null || fields == null || !fields.equals(last.fields()));
  }

  /** A record fetched by another node, {@code changed} decided here from the URL's last good answer (or null). */
  static Record judged(Record r, Changes.Last last) {
    boolean changed = !r.ok() || last == null || !r.fields().equals(last.fields());
    return changed == r.changed() ? r : new Record(r.job(), r.run(), r.url(), r.finalUrl(), r.status(),
        r.latencyMs(), r.bytes(), r.contentType(), r.fetchedAt(), r.attempts(), r.depth(), r.referrer(), changed,
        r.fields(), r.errorType(), r.errorMessage(), r.location(), r.redirects(), r.timings());
  }

  /** The record of a 304 Not Modified: the last good answer's fields, unchanged. */
  static Record notModified(Run run, CrawlUrl url, long queuedMs, FetchResult f, Changes.Last last) {
    return of(run, url, queuedMs, f, 0, last.fields().copy(), null, null, false);
  }

  /** The record of a URL that was never fetched (robots.txt, cancelled): no status, attempts 0. */
  static Record notFetched(Run run, CrawlUrl url, long queuedMs, ErrorType type, String message) {
    return error(run, url.given(), url.url().shown(), url.depth(), url.referrer(), type, message,
        Timings.none(queuedMs));
  }

  /** The record of a source line that is not a URL we fetch. */
  static Record invalid(Run run, String given, String message) {
    return error(run, given, given, 0, null, ErrorType.INVALID_URL, message, null);
  }

  private static Record error(Run run, String given, String finalUrl, int depth, String referrer, ErrorType type,
                              String message, Timings timings) {
    return new Record(run.job().name(), run.id(), Redaction.url(given), Redaction.url(finalUrl), null, 0, 0, null,
        System.currentTimeMillis(), 0, depth, Redaction.url(referrer), true, new JsonObject(), type.wire(),
        Redaction.url(message), null, List.of(), timings);
  }

  /** A record whose line the sink encodes itself. */
  static ParseStage.Encoded encoded(Record r) {
    return new ParseStage.Encoded(r, null, null);
  }
}
