package dev.scraper.engine;

import dev.scraper.config.FetchPolicy;
import dev.scraper.config.JobSpec;
import dev.scraper.extract.Extractor;
import dev.scraper.fetch.ErrorType;
import dev.scraper.fetch.FetchError;
import dev.scraper.fetch.FetchResult;
import dev.scraper.fetch.Fetcher;
import dev.scraper.frontier.SeenUrls;
import dev.scraper.frontier.SourceEntry;
import dev.scraper.frontier.UrlSource;
import dev.scraper.internal.HostKeys;
import dev.scraper.job.JobResult;
import dev.scraper.metrics.RunStats;
import dev.scraper.parse.ParseStage;
import dev.scraper.polite.HostQueues;
import dev.scraper.polite.HostThrottle;
import dev.scraper.robots.RobotsRules;
import dev.scraper.sink.Record;
import dev.scraper.sink.Sink;
import dev.scraper.sink.TerminalReporter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one job on the engine's event loop: reads URLs from the source in batches, skips duplicates, queues them per
 * host, starts at most {@code concurrency} fetches (and {@code perHost} per host), hands HTML bodies to the parse
 * stage and streams one record per URL to the sink. Each batch completes through {@code Future.all} over futures
 * that always succeed with a record, so no URL's failure can cut another URL's record short. Memory is bounded by
 * the queue ({@link #queueLimit}) plus {@code concurrency} bodies, whatever the length of the URL list.
 */
final class JobRunner {
  /** URLs read from the source at a time. */
  static final int BATCH = 512;

  private final Vertx vertx;
  private final JobSpec job;
  private final FetchPolicy policy;
  private final String runId;
  private final UrlSource source;
  private final Fetcher fetcher;
  private final RobotsRules robots;
  private final HostThrottle throttle;
  private final ParseStage parser;
  private final Extractor extractor;
  private final Sink sink;
  private final TerminalReporter reporter;
  private final RunStats stats = new RunStats();
  private final SeenUrls seen = new SeenUrls();
  private final HostQueues<Pending> queues;
  private final int concurrency;
  private final int queueLimit;
  private final Promise<JobResult> finished = Promise.promise();
  private int inFlight;
  /** Pages fetched and not yet turned into records (waiting for or in the parse stage). */
  private int parsing;
  private int openBatches;
  private boolean reading;
  private boolean sourceDone;
  private boolean finishing;
  private long wakeTimer = -1;
  private long wakeAt;
  private boolean pumping;
  /** URLs started and not yet done, so that a shutdown can give each its record. */
  private final java.util.Set<Pending> active = new java.util.LinkedHashSet<>();
  private boolean pumpAgain;
  /** Why reading the URL source stopped early, or null. */
  private Throwable sourceFailure;

  JobRunner(Vertx vertx, JobSpec job, String runId, UrlSource source, Fetcher fetcher, RobotsRules robots,
            ParseStage parser, Sink sink, TerminalReporter reporter) {
    this.vertx = vertx;
    this.job = job;
    this.policy = job.fetch();
    this.runId = runId;
    this.source = source;
    this.fetcher = fetcher;
    this.robots = robots;
    this.parser = parser;
    this.extractor = new Extractor(job.extract());
    this.sink = sink;
    this.reporter = reporter;
    this.concurrency = policy.concurrency();
    this.queueLimit = Math.max(2 * concurrency, BATCH);
    long origin = System.nanoTime();
    java.util.function.LongSupplier clock = () -> (System.nanoTime() - origin) / 1_000_000;
    this.throttle = new HostThrottle(policy.throttle(), clock);
    this.queues = new HostQueues<>(Math.min(policy.perHost(), concurrency), policy.delayMs(), throttle,
        policy.robotsTxt(), clock);
  }

  /** Runs the job; completes (never fails) when every URL has its record. */
  Future<JobResult> run() {
    pump();
    return finished.future();
  }

  RunStats stats() {
    return stats;
  }

  /**
   * Shutdown: every URL started or queued and not yet done gets a {@code cancelled} record now, nothing new is
   * read or started, and the job's result is the stats so far. Late answers of cancelled URLs are ignored.
   */
  JobResult cancel() {
    sourceDone = true;
    finishing = true;
    java.util.List<Pending> left = new java.util.ArrayList<>(active);
    active.clear();
    left.addAll(queues.drain());
    for (Pending p : left) {
      emit(errorRecord(p.url, ErrorType.CANCELLED, "the run was shut down before this URL was done"), null);
      p.done.complete();
    }
    stats.finish();
    JobResult result = new JobResult(job.name(), runId, stats, sink.failure(), sourceFailure);
    finished.tryComplete(result);
    return result;
  }

  boolean done() {
    return finished.future().isComplete();
  }

  long total() {
    return source.total();
  }

  /**
   * Starts what may start, reads more URLs when the queues run low, arms a wake-up for hosts that wait for time,
   * and ends the job when everything is done. Never re-entered: a call made while it runs (a URL that finished
   * at once, say, a robots.txt refusal from the cache) makes the running call go round once more instead, so
   * the stack stays flat however many URLs finish synchronously.
   */
  private void pump() {
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = true;
    try {
      do {
        pumpAgain = false;
        pumpOnce();
      } while (pumpAgain);
    } finally {
      pumping = false;
    }
  }

  private void pumpOnce() {
    if (sink.failure() != null) {
      sourceDone = true;
      for (Pending waiting : queues.drain()) { // the output is gone: fetching them would be wasted
        emit(errorRecord(waiting.url, ErrorType.CANCELLED, "not fetched: the output cannot be written"), null);
        waiting.done.complete();
      }
    }
    while (inFlight < concurrency && parsing < concurrency && !sink.busy()) {
      Pending next = queues.poll();
      if (next == null) {
        break;
      }
      start(next);
    }
    if (!sourceDone && !reading && queues.queued() < queueLimit) {
      read();
    }
    if (inFlight < concurrency && queues.queued() > 0) {
      wakeIn(sink.busy() ? 10 : queues.msUntilNextStart());
    }
    if (sourceDone && !reading && openBatches == 0 && parsing == 0 && !finishing) {
      finishing = true;
      stats.finish();
      source.close().onComplete(ar -> finished.tryComplete(
          new JobResult(job.name(), runId, stats, sink.failure(), sourceFailure)));
    }
  }

  /** Arms the wake-up timer for {@code waitMs} from now, unless one is armed for sooner. */
  private void wakeIn(long waitMs) {
    if (waitMs <= 0) {
      return;
    }
    long at = System.nanoTime() / 1_000_000 + waitMs;
    if (wakeTimer >= 0) {
      if (wakeAt <= at) {
        return;
      }
      vertx.cancelTimer(wakeTimer);
    }
    wakeAt = at;
    wakeTimer = vertx.setTimer(waitMs, id -> {
      wakeTimer = -1;
      pump();
    });
  }


  private void read() {
    reading = true;
    source.next(BATCH).onComplete(ar -> {
      reading = false;
      if (ar.failed()) {
        sourceDone = true;
        sourceFailure = ar.cause();
        reporter.line(job.name() + ": stopped reading URLs: " + ar.cause().getMessage());
      } else if (ar.result().isEmpty()) {
        sourceDone = true;
      } else {
        accept(ar.result());
      }
      pump();
    });
  }

  private void accept(List<SourceEntry> batch) {
    List<Future<Void>> records = new ArrayList<>(batch.size());
    for (SourceEntry entry : batch) {
      if (entry.problem() != null) {
        Record r = errorRecord(entry.url(), ErrorType.INVALID_URL, entry.where() + ": " + entry.problem());
        emit(r, null);
      } else if (!seen.add(entry.url())) {
        stats.duplicate();
      } else {
        Pending p = new Pending(entry.url(), HostKeys.of(entry.url()));
        queues.offer(p.hostKey, p);
        records.add(p.done.future());
      }
    }
    openBatches++;
    Future.all(records).onComplete(ar -> {
      openBatches--;
      pump();
    });
  }

  /**
   * One URL: robots verdict, fetch, then parse. The fetch slot (and the host's) is given back as soon as the
   * response is in, so the next request starts while this page is parsed; bodies waiting for or in the parse
   * stage are bounded separately ({@link #parsing}), which keeps memory at most 2 x concurrency bodies.
   */
  private void start(Pending p) {
    inFlight++;
    active.add(p);
    robots.check(p.url, policy)
        .compose(verdict -> {
          throttle.crawlDelay(p.hostKey, verdict.crawlDelayMs());
          if (queues.open(p.hostKey)) {
            pump(); // the host's other URLs may start now, while this one is fetched
          }
          if (!verdict.allowed()) {
            return Future.succeededFuture(FetchResult.notFetched(p.url, new FetchError(ErrorType.ROBOTS,
                verdict.reason())));
          }
          return fetcher.fetch(p.url, policy, throttle);
        })
        .otherwise(e -> FetchResult.notFetched(p.url, new FetchError(ErrorType.PROTOCOL,
            String.valueOf(e.getMessage()))))
        .compose(fetched -> {
          inFlight--;
          queues.done(p.hostKey);
          parsing++;
          pump();
          return toRecord(fetched).recover(e -> Future.succeededFuture(encoded(record(fetched, fetched.bytes(),
              null, ErrorType.PROTOCOL, "cannot turn the page into a record: " + e))));
        })
        .onComplete(ar -> {
          parsing--;
          if (!active.remove(p)) {
            return; // cancelled at shutdown: its record is already out
          }
          try {
            if (ar.succeeded()) {
              emit(ar.result().record(), ar.result().line());
            } else { // not reachable: every step above settles into a record
              emit(errorRecord(p.url, ErrorType.PROTOCOL, String.valueOf(ar.cause())), null);
            }
          } finally {
            p.done.complete(); // after the record is out: the job may end with this
            pump();
          }
        });
  }


  private Future<ParseStage.Encoded> toRecord(FetchResult f) {
    for (String reason : f.retryReasons()) {
      stats.retried(reason);
    }
    if (!f.ok()) {
      return Future.succeededFuture(encoded(record(f, f.bytes(), null, f.error().type(), f.error().getMessage())));
    }
    return parser.process(f, extractor, policy.maxBodyBytes(), this::record);
  }

  /** Thread-safe: called on parse workers too. */
  private Record record(FetchResult f, long bytes, JsonObject fields, ErrorType type, String message) {
    return new Record(job.name(), runId, f.url(), f.finalUrl(), f.status(), f.latencyMs(), bytes,
        f.contentType(), f.fetchedAt(), f.attempts(), 0, null, true, fields == null ? new JsonObject() : fields,
        type == null ? null : type.wire(), message);
  }

  private static ParseStage.Encoded encoded(Record r) {
    return new ParseStage.Encoded(r, null);
  }

  private Record errorRecord(String url, ErrorType type, String message) {
    return new Record(job.name(), runId, url, url, null, 0, 0, null, System.currentTimeMillis(), 0, 0, null,
        true, new JsonObject(), type.wire(), message);
  }

  /** @param line the record's JSON line, or null to have the sink encode it */
  private void emit(Record r, io.vertx.core.buffer.Buffer line) {
    stats.add(r);
    sink.write(r, line);
    reporter.url(r);
  }

  /** A URL waiting for its turn, and the promise of its record. */
  private static final class Pending {
    final String url;
    final String hostKey;
    /** Completes when the URL's record is written; holds nothing, so a batch keeps no records alive. */
    final Promise<Void> done = Promise.promise();

    Pending(String url, String hostKey) {
      this.url = url;
      this.hostKey = hostKey;
    }
  }
}
