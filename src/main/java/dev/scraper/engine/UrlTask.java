package dev.scraper.engine;

import dev.scraper.config.FetchPolicy;
import dev.scraper.fetch.FetchError;
import dev.scraper.fetch.FetchResult;
import dev.scraper.fetch.Fetcher;
import dev.scraper.fetch.Slot;
import dev.scraper.fetch.StartGate;
import dev.scraper.frontier.CrawlUrl;
import dev.scraper.internal.Bugs;
import dev.scraper.parse.ParseStage;
import dev.scraper.polite.Permit;
import dev.scraper.polite.Ticket;
import dev.scraper.record.ErrorType;
import dev.scraper.robots.RobotsVerdict;
import dev.scraper.url.WebUrl;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;

/**
 * One URL of a run, from its place in its host's line to its record: robots.txt decides before it takes a start
 * slot; then it is fetched (every later request of it, hop or retry, waits at this task's gate for its own host),
 * parsed, and recorded exactly once. Cancelling it at any point gives it its {@code cancelled} record at once; a
 * late answer is then ignored. Event-loop owned.
 */
final class UrlTask extends Ticket implements StartGate {
  enum State { QUEUED, FETCHING, PARSING, DONE }

  private final Run run;
  private final Stages s;
  final CrawlUrl url;
  /** The URL's row in the frontier on disk, or -1. */
  private final long row;
  private State state = State.QUEUED;
  private Fetcher.Fetch fetch;
  private HopTicket hop;
  /** When the URL was read (System.nanoTime), and then how long it waited for its first request, in ms. */
  private final long readNanos = System.nanoTime();
  private long queuedMs = -1;
  /** The URL's last good answer in this job (from an earlier run in this process), or null. */
  private Changes.Last last;
  /** The host's lease while this URL is fetched (here or at another node), else null. */
  private Sharing.Lease lease;
  /** The start slot while another node fetches this URL (released on its answer or a cancel), else null. */
  private Permit held;

  UrlTask(Run run, Stages stages, CrawlUrl url, long row) {
    super(url.url().hostKey(), run.limits(), run.lane());
    this.run = run;
    this.s = stages;
    this.url = url;
    this.row = row;
  }

  State state() {
    return state;
  }

  /** Decided at the head of its host's line, before any start slot: robots.txt refuses it, or it may start. */
  @Override
  protected Admission admit() {
    if (state != State.QUEUED) {
      return Admission.DROP;
    }
    RobotsVerdict v = s.robots().verdict(url.url(), run.job().fetch());
    if (v == null) {
      s.robotsWaits().hold(hostKey(), run.job().fetch().userAgent(), s.robots().check(url.url(), run.job().fetch()));
      return Admission.HOLD;
    }
    if (run.job().fetch().robotsTxt()) {
      s.throttle().crawlDelay(hostKey(), v.crawlDelayMs());
    }
    if (!v.allowed()) {
      refuse(v.reason());
      return Admission.DROP;
    }
    return Admission.START;
  }

  /** robots.txt refuses the URL: its record, and no request at all. */
  void refuse(String reason) {
    move(State.DONE);
    run.emit(Records.notFetched(run, url, queuedMs(), ErrorType.ROBOTS, reason), null, row);
  }

  @Override
  protected void start(Permit permit) {
    if (state != State.QUEUED) {
      permit.release();
      return;
    }
    move(State.FETCHING);
    queuedMs = queuedMs();
    last = run.changes().last(url.url().toString());
    place(permit, 0);
  }

  /** Fetches here, or at the node that holds the host's lease in a cluster ({@link Sharing}). */
  private void place(Permit permit, int tries) {
    lease = s.sharing().take(hostKey(), tries >= Sharing.PLACES);
    if (!lease.local) {
      held = permit;
      Borrowed.fetch(s, run, lease, url, queuedMs, conditional(run.job().fetch()).headers()).onComplete(ar -> {
        if (state != State.FETCHING) {
          return; // cancelled meanwhile: the record is out and the slot given back
        }
        Sharing.Lease was = endLease();
        if (ar.failed()) {
          s.sharing().lost(was);
          place(permit, tries + 1);
          return;
        }
        permit.release();
        run.admissions().fetched(url, ar.result().fetch());
        move(State.PARSING);
        parsed(Future.succeededFuture(ar.result().encoded(run, url, queuedMs, last)), ar.result().fetch());
      });
      return;
    }
    try {
      fetch = s.fetcher().fetch(url.url(), conditional(run.job().fetch()), permit::release, this, s.throttle());
      fetch.result().onComplete(this::fetched);
    } catch (RuntimeException e) {
      permit.release();
      fetched(Future.failedFuture(e));
    }
  }

  /** Ends this URL's use of its host's lease, if it holds one; gives the lease. */
  private Sharing.Lease endLease() {
    Sharing.Lease l = lease;
    lease = null;
    return s.sharing().end(l, null);
  }

  private void fetched(AsyncResult<FetchResult> ar) {
    s.sharing().end(lease, run.stats());
    lease = null;
    FetchResult f = ar.succeeded() ? ar.result() : FetchResult.notFetched(url.url().toString(),
        new FetchError(ErrorType.INTERNAL, Bugs.report("fetch", url.given(), ar.cause())));
    if (state != State.FETCHING) {
      f.release(); // cancelled meanwhile: the record is already out
      return;
    }
    run.admissions().fetched(url, f);
    move(State.PARSING);
    try {
      Future<ParseStage.Encoded> encoded = f.notModified() && last != null ? notModified(f)
          : f.ok() && f.body() != null
          ? s.parse().process(f, run.extractor(), run.linkFinder(), url, run.job().fetch().maxBodyBytes(),
              Records.maker(run, url, queuedMs, last))
          : Future.succeededFuture(Records.encoded(Records.of(run, url, queuedMs, f, f.bytes(), null,
              f.ok() ? null : f.error().type(), f.ok() ? null : f.error().getMessage())));
      encoded.onComplete(done -> parsed(done, f));
    } catch (RuntimeException e) {
      parsed(Future.failedFuture(e), f);
    }
  }

  private void parsed(AsyncResult<ParseStage.Encoded> ar, FetchResult f) {
    if (state != State.PARSING) {
      return;
    }
    if (ar.succeeded()) {
      // the links are admitted before this URL's record: the run cannot end in between, and a frontier on disk
      // holds them before the record is written (a failure to keep them fails the output too)
      run.found(ar.result().links()).onComplete(admitted -> {
        if (state == State.PARSING) {
          run.changes().learn(url.url().toString(), ar.result().record(), f, last);
          move(State.DONE);
          run.emit(ar.result().record(), ar.result().line(), row);
        }
      });
    } else {
      move(State.DONE);
      f.release();
      run.emit(Records.of(run, url, queuedMs, f, f.bytes(), null, ErrorType.INTERNAL,
          Bugs.report("parse", url.given(), ar.cause())), null, row);
    }
  }

  private FetchPolicy conditional(FetchPolicy p) {
    return Changes.conditional(p, last, run.job().follow() != null);
  }

  /** A 304 Not Modified: the last good answer's fields, unchanged, and no links. */
  private Future<ParseStage.Encoded> notModified(FetchResult f) {
    f.release();
    return Future.succeededFuture(Records.encoded(Records.notModified(run, url, queuedMs, f, last)));
  }

  /** The gate for this URL's later requests: robots.txt of the target's host, then the host's turn. */
  @Override
  public Future<Slot> next(WebUrl target, FetchPolicy policy) {
    return s.robots().check(target, policy).compose(v -> {
      if (state != State.FETCHING) {
        return Future.failedFuture(new FetchError(ErrorType.CANCELLED, "the run stopped"));
      }
      if (!v.allowed()) {
        return Future.failedFuture(new FetchError(ErrorType.ROBOTS, "redirect to " + target.shown() + " refused: "
            + v.reason()));
      }
      if (policy.robotsTxt()) {
        s.throttle().crawlDelay(target.hostKey(), v.crawlDelayMs());
      }
      hop = new HopTicket(target.hostKey(), run.limits());
      s.board().offer(hop);
      s.dispatcher().kick();
      return hop.slot();
    });
  }

  /**
   * Ends the URL now with a {@code cancelled} record (nothing if it already has its record), or with no record at
   * all when {@code record} is false (it stays in the frontier on disk for the next run).
   */
  void cancel(String why, boolean record) {
    State was = state;
    if (was == State.DONE) {
      return;
    }
    move(State.DONE);
    cancel();
    endLease();
    if (held != null) {
      held.release(); // a second release does nothing
    }
    if (hop != null) {
      hop.abandon(new FetchError(ErrorType.CANCELLED, why));
    }
    if (fetch != null && was == State.FETCHING) {
      fetch.cancel(why); // closes its connection; the late outcome is ignored
    }
    if (record) {
      run.emit(Records.notFetched(run, url, queuedMs(), ErrorType.CANCELLED, why), null, row);
    }
  }

  /** The wait before the first request; until it started, the wait so far. */
  private long queuedMs() {
    return queuedMs >= 0 ? queuedMs : (System.nanoTime() - readNanos) / 1_000_000;
  }

  private void move(State to) {
    State from = state;
    state = to;
    run.moved(this, from, to);
  }
}
