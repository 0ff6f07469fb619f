package dev.scraper.fetch;

import dev.scraper.config.FetchPolicy;
import dev.scraper.internal.Bugs;
import dev.scraper.memory.MemoryBudget;
import dev.scraper.record.ErrorType;
import dev.scraper.url.WebUrl;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The life of one URL's fetch, phase by phase: attempts ({@link RetryStep}), each made of hops
 * ({@link RedirectStep}), each hop one {@link Hop} (body limit included), all inside one {@link Deadline}. Every
 * request after the first waits at the {@link StartGate} for its host, like a first request. Settles exactly once;
 * an exception of ours anywhere on the way settles it as {@code internal}. Lives on the event loop that created it.
 */
final class Exchange {
  private final Vertx vertx;
  private final WebClient client;
  private final RequestTap tap;
  private final Ticker ticker;
  private final MemoryBudget budget;
  private final WebUrl url;
  private final FetchPolicy policy;
  private final StartGate gate;
  private final FetchObserver observer;
  private final Promise<FetchResult> done = Promise.promise();
  private final List<String> retryReasons = new ArrayList<>(0);
  private final Set<String> visited = new HashSet<>();
  private final Deadline deadline;
  private WebUrl current;
  private Hop hop;
  private Slot slot;
  private Future<Slot> waiting;
  private long retryTimer = -1;
  private int attempts;
  private String encoding;

  Exchange(Fetcher f, WebUrl url, FetchPolicy policy, StartGate gate, FetchObserver observer) {
    this.vertx = f.vertx;
    this.client = f.client;
    this.tap = f.tap;
    this.ticker = f.ticker;
    this.budget = f.budget;
    this.url = url;
    this.policy = policy;
    this.gate = gate;
    this.observer = observer;
    this.current = url;
    this.deadline = new Deadline(policy.timeoutMs(), System.nanoTime());
  }

  /** Runs the fetch; {@code first} is the slot its first request already holds. */
  Future<FetchResult> run(Slot first) {
    ticker.add(this);
    guard(() -> attempt(first));
    return done.future();
  }

  /** Called by the ticker: ends the URL at its deadline, or the hop when its body has been silent too long. */
  void tick(long nowNanos) {
    guard(() -> {
      if (settled()) {
        return;
      }
      if (deadline.expired(nowNanos)) {
        fail(null, new FetchError(ErrorType.TIMEOUT, "no complete answer within timeoutMs=" + policy.timeoutMs()
            + (attempts > 1 ? " (" + attempts + " attempts)" : "")));
      } else if (hop != null && hop.silentFor(nowNanos, policy.idleTimeoutMs())) {
        Hop silent = hop;
        endHop(true);
        retryOrFail(null, silent.headStatus(), new FetchError(ErrorType.TIMEOUT, "no body byte for idleTimeoutMs="
            + policy.idleTimeoutMs(), true), -1);
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
    visited.clear();
    visited.add(url.toString());
    send(url, 0, first);
  }

  private void send(WebUrl target, int redirects, Slot held) {
    slot = held;
    current = target;
    Hop h = new Hop(target, policy, budget);
    hop = h;
    Future<HttpResponse<Buffer>> sent;
    try {
      sent = h.send(client, tap, deadline.leftMs(System.nanoTime()));
    } catch (RuntimeException e) {
      endHop(true);
      fail(null, new FetchError(ErrorType.PROTOCOL, "cannot request '" + target + "': " + e.getMessage()));
      return;
    }
    sent.onComplete(ar -> guard(() -> hopDone(h, redirects, ar)));
  }

  private void hopDone(Hop h, int redirects, AsyncResult<HttpResponse<Buffer>> ar) {
    if (h != hop || settled()) {
      h.charge().release(); // a late answer of a hop that was given up
      return;
    }
    long hopMs = h.elapsedMs();
    endHop(false);
    String hostKey = h.target().hostKey();
    if (ar.failed()) {
      h.charge().release();
      FetchError error = Failures.classify(ar.cause());
      if (h.headArrived() && error.type() == ErrorType.CONNECT) {
        error = new FetchError(ErrorType.PROTOCOL, "connection reset before the body was complete", true);
      }
      observer.answered(hostKey, null, hopMs, -1);
      retryOrFail(null, h.headStatus(), error, -1);
      return;
    }
    HttpResponse<Buffer> response = ar.result();
    int status = response.statusCode();
    long retryAfter = status == 429 || status == 503
        ? RetryAfter.parseMs(response.getHeader("Retry-After"), System.currentTimeMillis()) : -1;
    observer.answered(hostKey, status, hopMs, retryAfter);
    String location = response.getHeader("Location");
    if (policy.followRedirects() && RedirectStep.isRedirect(status) && location != null) {
      h.charge().release();
      follow(status, location, redirects);
      return;
    }
    respond(h, response, status, retryAfter);
  }

  private void respond(Hop h, HttpResponse<Buffer> response, int status, long retryAfter) {
    Buffer content = response.body();
    long bytes = content == null ? 0 : content.length();
    String type = response.getHeader("Content-Type");
    if (status < 400 && !policy.retryOn().contains(status)) {
      encoding = response.getHeader("Content-Encoding");
      settle(result(status, content, bytes, type, null, h.charge()));
      return;
    }
    h.charge().release();
    String reason = response.statusMessage() == null || response.statusMessage().isBlank() ? ""
        : " " + response.statusMessage();
    FetchError error = new FetchError(ErrorType.HTTP_STATUS, "HTTP " + status + reason);
    if (retryAfter > policy.maxRetryAfterMs()) {
      settle(result(status, null, bytes, type, error.withSuffix("; Retry-After of "
          + (retryAfter == Long.MAX_VALUE ? "forever" : (retryAfter / 1000) + " s")
          + " is over maxRetryAfterMs=" + policy.maxRetryAfterMs()), null));
    } else if (policy.retryOn().contains(status)) {
      retryOrFail(status, status, new FetchError(ErrorType.HTTP_STATUS, error.getMessage(), true), retryAfter);
    } else {
      settle(result(status, null, bytes, type, error, null));
    }
  }

  private void follow(int status, String location, int redirects) {
    WebUrl next;
    try {
      next = RedirectStep.next(current, status, location, redirects, visited, policy);
    } catch (FetchError e) {
      fail(status, e);
      return;
    }
    current = next;
    whenAdmitted(next, status, held -> send(next, redirects + 1, held));
  }

  /** Waits for the gate's slot to {@code target} (robots.txt, politeness); the budget's clock stops meanwhile. */
  private void whenAdmitted(WebUrl target, Integer lastStatus, java.util.function.Consumer<Slot> then) {
    deadline.park(System.nanoTime());
    Future<Slot> asked = gate.next(target, policy);
    waiting = asked;
    asked.onComplete(ar -> guard(() -> {
      if (waiting != asked || settled()) {
        if (ar.succeeded()) {
          ar.result().release();
        }
        return;
      }
      waiting = null;
      deadline.unpark(System.nanoTime());
      if (ar.failed()) {
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
    retryReasons.add(d.reason());
    retryTimer = vertx.setTimer(d.waitMs(), id -> guard(() -> {
      retryTimer = -1;
      whenAdmitted(url, shownStatus, this::attempt);
    }));
  }

  /** The current hop is over: its slot goes back; {@code reset} closes its connection too. */
  private void endHop(boolean reset) {
    Hop h = hop;
    hop = null;
    if (h != null && reset) {
      h.reset();
    }
    Slot s = slot;
    slot = null;
    if (s != null) {
      s.release();
    }
  }

  /** Ends the URL with an error; the status is the one given, or the live hop's response head's. */
  private void fail(Integer status, FetchError error) {
    Integer shown = status != null ? status : hop != null ? hop.headStatus() : null;
    settle(result(shown, null, 0, null, error, null));
  }

  private FetchResult result(Integer status, Buffer body, long bytes, String contentType, FetchError error,
                             MemoryBudget.Charge charge) {
    long now = System.nanoTime();
    return new FetchResult(url.toString(), current.toString(), status, deadline.attemptMs(now), body, bytes,
        contentType, body == null ? null : encoding, System.currentTimeMillis(), attempts, error, retryReasons,
        charge);
  }

  private void settle(FetchResult result) {
    if (!done.tryComplete(result)) {
      result.release();
      return;
    }
    ticker.remove(this);
    if (retryTimer >= 0) {
      vertx.cancelTimer(retryTimer);
      retryTimer = -1;
    }
    endHop(!result.ok());
    waiting = null; // a slot granted later is given back at once
  }

  private boolean settled() {
    return done.future().isComplete();
  }

  /** Runs a step; an exception of ours ends the URL as {@code internal} instead of leaving it hanging. */
  private void guard(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException | Error e) {
      String message = Bugs.report("fetch", url.toString(), e);
      endHop(true);
      settle(result(null, null, 0, null, new FetchError(ErrorType.INTERNAL, message), null));
    }
  }
}
