package dev.scraper.engine;

import dev.scraper.config.FetchPolicy;
import dev.scraper.config.JobSpec;
import dev.scraper.extract.Extractor;
import dev.scraper.filter.FoundLinks;
import dev.scraper.filter.LinkFinder;
import dev.scraper.frontier.CrawlUrl;
import dev.scraper.frontier.UrlSource;
import dev.scraper.job.JobResult;
import dev.scraper.metrics.RunStats;
import dev.scraper.polite.Lane;
import dev.scraper.polite.Limits;
import dev.scraper.record.Record;
import dev.scraper.robots.RobotsRules;
import dev.scraper.robots.RobotsVerdict;
import dev.scraper.sink.Sink;
import dev.scraper.state.JobState;
import dev.scraper.state.StoredSink;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;

/**
 * One execution of a job on the engine: its id, its counters, its URLs from source to record, its sink. URLs are
 * read in batches while fewer than {@link #queueLimit} wait, so memory stays flat whatever the list's length; each
 * becomes a {@link UrlTask} in its host's line. At most {@code concurrency} URLs are fetched and as many parsed at
 * once. The run ends when every URL read has its record and the sink is closed (flushed and synced);
 * {@link #cancel} ends it early, giving every URL read a {@code cancelled} record. A run whose sink keeps its state
 * under dataDir ({@link StoredSink}) reads its URLs back from its frontier on disk ({@link StoreFeed}), and a
 * shutdown leaves the URLs not done there, with no record, for the next run. Event-loop owned.
 */
public final class Run {
  /** URLs read from the source at a time. */
  static final int BATCH = 512;
  static final String SHUT_DOWN = "the run was shut down before this URL was done";
  /** How long a cancelled run waits for a read of its source still under way (a pipe can block), in ms. */
  static final long READ_GRACE_MS = 2_000;
  private final Stages s;
  private final JobSpec job;
  private final String id;
  private final Feed feed;
  /** The job's state on disk, or null when the run keeps its frontier in memory (no dataDir). */
  private final JobState state;
  private final Sink sink;
  private final RunListener listener;
  private final Extractor extractor;
  private final Limits limits;
  private final Lane lane;
  private final RunStats stats = new RunStats();
  private final LinkedHashSet<UrlTask> live = new LinkedHashSet<>();
  private final Promise<JobResult> done = Promise.promise();
  private final int queueLimit;
  private final RunRoom room;
  private final Admissions admissions;
  private final RunChanges changes;
  private boolean finishing;
  private String cancelled;

  Run(Stages stages, JobSpec job, String id, UrlSource source, Sink sink, RunListener listener) {
    this.s = stages;
    this.job = job;
    this.id = id;
    Runnable changed = () -> {
      maybeRead();
      maybeFinish();
    };
    this.state = sink instanceof StoredSink stored ? stored.state() : null;
    Crawl crawl = job.follow() == null ? null : new Crawl(job.follow(), RobotsRules.agentToken(
        job.fetch().userAgent()));
    this.admissions = new Admissions(this, stages, crawl, state, stats);
    this.changes = new RunChanges(stages.changes(), job.name(), state);
    this.feed = state == null
        ? new RunFeed(stages.vertx(), source, job.name(), listener, admissions::accept, changed)
        : new StoreFeed(source, state, stats, job.name(), listener, admissions::acceptStored, changed);
    this.sink = admissions.around(sink); // in a cluster, the run's checkpoint learns when each record is out
    this.listener = listener;
    FetchPolicy p = stages.sharing().scaled(job.fetch()); // concurrency is per node in a cluster
    this.extractor = new Extractor(job.extract());
    this.limits = new Limits(Math.min(p.perHost(), p.concurrency()), p.delayMs(), p.throttle(), p.robotsTxt());
    this.room = new RunRoom(stages.vertx(), stages.budget(), sink, p, this::roomFreed);
    // cancelled: every ticket of the run is, and the board drops each as it finds room for it (they go at once)
    this.lane = new Lane(id, () -> cancelled != null || room.hasRoom());
    this.queueLimit = Math.max(2 * p.concurrency(), BATCH);
  }

  public String id() { return id; }

  public JobSpec job() { return job; }

  /** Counters so far; final once {@link #done} completed. */
  public RunStats stats() {
    return stats;
  }

  /** How many URLs the source holds, once known; -1 until then. */
  public long total() { return feed.total(); }

  /** Completes (never fails) when every URL read has its record and the sink is closed. */
  public Future<JobResult> done() {
    return done.future();
  }

  /** Whether the run was stopped by a shutdown before its end. */
  public boolean stopped() {
    return SHUT_DOWN.equals(cancelled);
  }

  /** Ends the run now: nothing more is read or started, every URL read gets its record ({@code cancelled}). */
  public void cancel(String why) {
    if (cancelled != null || finishing || done.future().isComplete()) { // finishing: every URL has its record
      return;
    }
    cancelled = why;
    boolean resumable = state != null && SHUT_DOWN.equals(why);
    for (UrlTask t : new ArrayList<>(live)) {
      t.cancel(why, !resumable); // a run that resumes does them next time: no record now
    }
    feed.stop();
    roomFreed(); // the hosts parked for the run's room drop its tickets, which would keep the run in memory
    maybeFinish();
  }

  void start() {
    admissions.restore();
    if (job.fetch().tlsProxy().insecure()) {
      listener.problem("scraper: job " + job.name() + ": tls.insecure is on: certificates are not checked");
    }
    changes.ready(listener, feed::more); // in a cluster, once the job's last answers are loaded
  }

  Limits limits() {
    return limits;
  }

  Lane lane() {
    return lane;
  }

  RunChanges changes() {
    return changes;
  }

  Extractor extractor() {
    return extractor;
  }

  Admissions admissions() {
    return admissions;
  }

  /** A URL joins its host's line (or gets its record at once: refused by robots.txt, or the run was cancelled). */
  void enqueue(CrawlUrl url, long row) {
    UrlTask task = new UrlTask(this, s, url, row);
    live.add(task);
    room.added();
    if (cancelled != null) {
      task.cancel(cancelled, state == null);
      return;
    }
    RobotsVerdict known = s.robots().verdict(url.url(), job.fetch());
    if (known != null && !known.allowed()) {
      task.refuse(known.reason()); // refused from the cache: no place in the line at all
    } else {
      s.board().offer(task);
    }
  }

  /** A page's links meet the frontier; completes when they are admitted (see {@link Admissions#found}). */
  Future<Void> found(FoundLinks links) {
    // a URL that was not fetched or not parsed has no links (null), not an empty set
    return cancelled != null || links == null ? Future.succeededFuture() : admissions.found(links);
  }

  /** The crawl's rules for the parse workers, or null when the job follows no links. */
  LinkFinder linkFinder() {
    return admissions.linkFinder();
  }

  Feed feed() {
    return feed;
  }

  void maybeRead() {
    if (room.queued() < queueLimit && !room.draining()) {
      feed.more();
    }
  }

  /** Starts nothing more (a shutdown's grace); completes when none of its URLs is fetched or parsed any more. */
  Future<Void> drain() {
    return room.drain();
  }

  /** Keeps the counters of a task's state; room freed is offered to the board at once. */
  void moved(UrlTask task, UrlTask.State from, UrlTask.State to) {
    if (to == UrlTask.State.DONE && live.remove(task)) {
      admissions.done(task.url);
    }
    room.moved(from, to);
    if (from == UrlTask.State.QUEUED) {
      maybeRead();
    }
  }

  private void roomFreed() {
    s.board().roomFreed(lane);
    s.dispatcher().kick();
  }

  /** One URL's record: counted, written (settling its row of the frontier on disk, if any), shown. */
  void emit(Record r, Buffer line, long row) {
    stats.add(r);
    if (r.changed() || job.output() == null || !job.output().onlyChanged()) {
      sink.write(r, line, row); // onlyChanged (never with dataDir: no row to settle) drops the unchanged
    } else {
      admissions.unwritten(); // the checkpoint marks its URL done at once
    }
    listener.record(r);
    if (sink.failure() != null && cancelled == null) {
      cancel("not fetched: the output cannot be written");
    }
    maybeFinish();
  }

  private void maybeFinish() {
    if (!feed.drained() || !live.isEmpty() || finishing) {
      return;
    }
    finishing = true;
    if (state != null && cancelled == null && feed.failure() == null) {
      state.finished();
    }
    stats.finish();
    room.stop();
    feed.close();
    changes.shared().transform(x -> sink.close()).onComplete(ar -> { // shared: bounded, at once outside a cluster
      Throwable output = sink.failure();
      if (output == null && ar.failed()) {
        output = ar.cause();
      }
      done.complete(new JobResult(job.name(), id, stats, output, feed.failure()));
    });
  }
}
