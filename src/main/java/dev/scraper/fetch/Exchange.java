package dev.scraper.fetch;

import dev.scraper.config.FetchPolicy;
import dev.scraper.internal.Bugs;
import dev.scraper.memory.MemoryBudget;
import dev.scraper.record.ErrorType;
import dev.scraper.url.WebUrl;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.function.Consumer;

/**
 * The life of one URL's fetch, phase by phase: attempts ({@link RetryStep}), each made of hops
 * ({@link RedirectStep}), each hop one {@link Hop} (body limit included), all inside one {@link Deadline}. Every
 * request after the first waits at the {@link StartGate} for its host, like a first request. Settles exactly once;
 * an exception of ours anywhere on the way settles it as {@code internal}. Lives on the event loop that created it.
 */
final class Exchange {
  /** The client, its tap, the ticker and the memory budget. */
  private final Fetcher f;
  private final WebUrl url;
  private final FetchPolicy policy;
  private final StartGate gate;
  private final FetchObserver observer;
  private final Promise<FetchResult> done = Promise.promise();
  private final Deadline deadline;
  private final Trail trail = new Trail();
  private WebUrl current;
  private Hop hop;
  private Slot slot;
  private final GateWait gateWait = new GateWait();
  private long retryTimer = -1;
  private int attempts;

  Exchange(Fetcher fetcher, WebUrl url, FetchPolicy policy, StartGate gate, FetchObserver observer) {
    this.f = fetcher;
    this.url = url;
    this.policy = policy;
    this.gate = gate;
    this.observer = observer;
    this.current = url;
    this.deadline = new Deadline(policy.timeoutMs(), System.nanoTime());
  }

  /** Runs the fetch; {@code first} is the slot its first request already holds. */
  Future<FetchResult> run(Slot first) {
    f.ticker.add(this);
    guard(() -> attempt(first));
    return done.future();
  }

  /** Called by the ticker: ends the URL at its deadline, or the hop when its body has been silent too long. */
  void tick(long nowNanos) {
    guard(() -> {
      if (settled()) {
        return;
      } else if (deadline.expired(nowNanos)) {
        fail(null, deadline.expiredError(attempts));
      } else if (hop != null && hop.silentFor(nowNanos, policy.idleTimeoutMs())) {
        Hop silent = hop;
        endHop(true);
        retryOrFail(null, silent.headStatus(), silent.silenceError(policy.idleTimeoutMs()), -1);
      }
    });
  }

  /** Ends the URL now (its run stops): the connection is closed and the record says why. */
  void cancel(String why) {
    fail(null, new FetchError(ErrorType.CANCELLED, why));
  }

  private void attempt(Slot first) {
    attempts++;
    deadline.attemptStarted(System.nanoTime());
    trail.attemptStarted();
    send(url, 0, first);
  }

  private void send(WebUrl target, int redirects, Slot held) {
    trail.visiting(target);
    slot = held;
    current = target;
    Hop h = new Hop(target, policy, f.budget);
    hop = h;
    // runs inside guard(): a URL the client refuses (it should not, once normalised) is a bug of ours, internal
    h.send(f.client, f.tap, deadline.leftMs(System.nanoTime()), Credentials.forRequest(url, target), f.connections)
        .onComplete(ar -> guard(() -> hopDone(h, redirects, ar)));
  }

  private void hopDone(Hop h, int redirects, AsyncResult<HttpResponse<Buffer>> ar) {
    if (h != hop || settled()) {
      h.charge().release(); // a late answer of a hop that was given up
      return;
    }
    long hopMs = h.elapsedMs();
    endHop(false);
    trail.requestEnded(h);
    String hostKey = h.target().hostKey();
    if (ar.failed()) {
      h.charge().release();
      observer.answered(hostKey, null, hopMs, -1);
      retryOrFail(null, h.headStatus(), Failures.ofHop(ar.cause(), h.headArrived(), policy.tlsProxy().proxy()), -1);
      return;
    }
    HttpResponse<Buffer> response = ar.result();
    int status = response.statusCode();
    long retryAfter = StatusStep.retryAfterMs(status, response.getHeader("Retry-After"));
    observer.answered(hostKey, status, hopMs, retryAfter);
    String location = response.getHeader("Location");
    if (RedirectStep.isRedirect(status) && location != null) {
      if (policy.followRedirects()) {
        h.charge().release();
        follow(status, location, redirects);
        return;
      }
      trail.notFollowed(current, location);
    }
    respond(h, response, status, retryAfter);
  }

  private void respond(Hop h, HttpResponse<Buffer> response, int status, long retryAfter) {
    FetchError error = StatusStep.error(status, response.statusMessage(), retryAfter, policy);
    if (error == null) {
      settle(result(status, response, response.body(), null, h.charge()));
      return;
    }
    h.charge().release();
    if (error.retryable()) {
      retryOrFail(status, status, error, retryAfter);
    } else {
      settle(result(status, response, null, error, null)); // the answer's size and type are kept, not its body
    }
  }

  private void follow(int status, String location, int redirects) {
    WebUrl next;
    try {
      next = RedirectStep.next(current, status, location, redirects, trail.visited(), policy);
    } catch (FetchError e) {
      fail(status, e);
      return;
    }
    trail.redirected(current, status);
    current = next;
    whenAdmitted(next, status, held -> send(next, redirects + 1, held));
  }

  /** Waits for the gate's slot to {@code target} (robots.txt, politeness), then goes on with it. */
  private void whenAdmitted(WebUrl target, Integer lastStatus, Consumer<Slot> then) {
    gateWait.ask(gate, target, policy, deadline, ar -> guard(() -> {
      if (settled()) {
        if (ar.succeeded()) {
          ar.result().release();
        }
      } else if (ar.failed()) {
        fail(lastStatus, Failures.classify(ar.cause()));
      } else {
        then.accept(ar.result());
      }
    }));
  }

  /** Another attempt after a backoff (or the server's Retry-After), if attempts and budget are left. */
  private void retryOrFail(Integer retryStatus, Integer shownStatus, FetchError error, long retryAfterMs) {
    RetryStep.Decision d = RetryStep.decide(error, retryStatus, retryAfterMs, attempts, policy, deadline,
        System.nanoTime());
    if (d.failure() != null) {
      fail(shownStatus, d.failure());
      return;
    }
    trail.retried(d.reason());
    retryTimer = f.vertx.setTimer(d.waitMs(), id -> guard(() -> {
      retryTimer = -1;
      whenAdmitted(url, shownStatus, this::attempt);
    }));
  }

  /** The current hop is over: its slot goes back; {@code reset} closes its connection too. */
  private void endHop(boolean reset) {
    Hop h = hop;
    Slot s = slot;
    hop = null;
    slot = null;
    if (h != null && reset) {
      h.reset();
    }
    if (s != null) {
      s.release(); // last: nothing of this hop is left when the host's next request may start
    }
  }

  /** Ends the URL with an error; the status is the one given, or the live hop's response head's. */
  private void fail(Integer status, FetchError error) {
    Integer shown = status != null ? status : hop != null ? hop.headStatus() : null;
    settle(result(shown, null, null, error, null));
  }

  /** The outcome; {@code response} (or null) gives size and headers, and the encoding of a {@code body} kept. */
  private FetchResult result(Integer status, HttpResponse<Buffer> response, Buffer body, FetchError error,
                             MemoryBudget.Charge charge) {
    long now = System.nanoTime();
    Buffer received = response == null ? null : response.body();
    return new FetchResult(url.shown(), current.shown(), status, deadline.attemptMs(now), body,
        received == null ? 0 : received.length(), header(response, "Content-Type"),
        body == null ? null : header(response, "Content-Encoding"), System.currentTimeMillis(), attempts, error,
        trail.retryReasons(), charge, trail.location(), trail.redirects(), trail.connectMs(), trail.ttfbMs(),
        deadline.wallMs(now), header(response, "X-Robots-Tag"), Validators.of(response));
  }

  private static String header(HttpResponse<Buffer> r, String name) {
    return r == null ? null : r.getHeader(name);
  }

  /** Ends the URL: first everything it holds is given back (slot, connection, timers), then the outcome goes out. */
  private void settle(FetchResult result) {
    if (settled()) {
      result.release();
      return;
    }
    f.ticker.remove(this);
    if (retryTimer >= 0) {
      f.vertx.cancelTimer(retryTimer);
      retryTimer = -1;
    }
    endHop(!result.ok());
    gateWait.abandon(); // a slot granted later is given back at once
    if (!done.tryComplete(result)) {
      result.release(); // settled meanwhile, by something the clean-up set off
    }
  }

  private boolean settled() {
    return done.future().isComplete();
  }

  /** Runs a step; an exception of ours ends the URL as {@code internal} instead of leaving it hanging. */
  private void guard(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException | Error e) {
      endHop(true);
      settle(result(null, null, null, new FetchError(ErrorType.INTERNAL, Bugs.report("fetch", url.shown(), e)),
          null));
    }
  }
}
