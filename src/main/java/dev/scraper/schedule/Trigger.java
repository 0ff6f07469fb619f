package dev.scraper.schedule;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Fires one job's runs at the slots of its {@link Schedule}, on the event loop it is started from. One timer is
 * armed at a time, for the next slot (plus its jitter), and re-armed when it fires: no polling, nothing runs
 * between slots. A slot that comes while the run of an earlier slot still goes does not start a run: it is skipped
 * and counted on that run's {@link Firing}, so that run's report can say how many slots it cost. Given the slot
 * last fired before a restart ({@link SlotLog}), slots missed while the process was down run once, at start, however
 * many there were. Event-loop owned.
 */
public final class Trigger {
  /** Starts a run for a slot; the future completes when that run has ended (and been reported). */
  @FunctionalInterface
  public interface Fire {
    Future<?> fire(Firing firing);
  }

  /** One slot that started a run: when it was due, and how many slots were skipped while its run went on. */
  public static final class Firing {
    private final Instant slot;
    private final boolean caughtUp;
    private int skipped;

    Firing(Instant slot, boolean caughtUp) {
      this.slot = slot;
      this.caughtUp = caughtUp;
    }

    public Instant slot() {
      return slot;
    }

    /** Whether this is the run at start for the slots missed while the process was down (its slot: the first). */
    public boolean caughtUp() {
      return caughtUp;
    }

    /** Slots that came while this firing's run went on (none started a run). */
    public int skipped() {
      return skipped;
    }
  }

  private final Vertx vertx;
  private final Schedule schedule;
  private final Clock clock;
  private final LongUnaryOperator jitterMs;
  private final Fire fire;
  private long timer = -1;
  private Instant slot;
  /** When the run of {@link #slot} is to start: the slot plus its jitter. */
  private Instant fireAt;
  private Firing current;
  private Instant lastFired;
  private boolean stopped;

  /** A trigger on the system clock with a uniformly random jitter. */
  public Trigger(Vertx vertx, Schedule schedule, Fire fire) {
    this(vertx, schedule, Clock.systemUTC(), max -> max <= 0 ? 0 : ThreadLocalRandom.current().nextLong(max + 1),
        fire);
  }

  /**
   * @param clock the wall clock the slots are on
   * @param jitterMs given the most jitter in ms, the delay to add to a slot (in [0, max])
   */
  public Trigger(Vertx vertx, Schedule schedule, Clock clock, LongUnaryOperator jitterMs, Fire fire) {
    this.vertx = vertx;
    this.schedule = schedule;
    this.clock = clock;
    this.jitterMs = jitterMs;
    this.fire = fire;
  }

  /** Arms the timer for the first slot after now. */
  public void start() {
    start(null);
  }

  /**
   * Arms the timer for the first slot after now; first, when the slot after {@code lastFiredBefore} (the last one
   * fired before a restart, or null) is already past, fires it now: once, however many were missed.
   *
   * @return the missed slot fired now, or null
   */
  public Instant start(Instant lastFiredBefore) {
    if (stopped) {
      return null;
    }
    Instant now = clock.instant();
    Instant missed = lastFiredBefore == null ? null : schedule.next(lastFiredBefore);
    if (missed != null && missed.isAfter(now)) {
      missed = null;
    }
    if (missed != null) {
      run(missed, true);
    }
    arm(now);
    return missed;
  }

  /** No slot fires from now on; a run under way goes on (ending it is the engine's business). */
  public void stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** The slot the timer is armed for, or null (stopped, or the schedule has no more slots). */
  public Instant nextSlot() {
    return stopped ? null : slot;
  }

  /** The slot of the last run started, or null. */
  public Instant lastFired() {
    return lastFired;
  }

  /** Whether a run started by this trigger is under way. */
  public boolean running() {
    return current != null;
  }

  private void arm(Instant after) {
    if (stopped) {
      return;
    }
    slot = schedule.next(after);
    if (slot == null) {
      return;
    }
    fireAt = slot.plusMillis(jitterMs.applyAsLong(schedule.jitter().toMillis()));
    waitForFireTime();
  }

  /** Starts the run of {@code due}; it is the current one until its future completes. */
  private void run(Instant due, boolean caughtUp) {
    Firing firing = new Firing(due, caughtUp);
    current = firing;
    lastFired = due;
    Future<?> ran;
    try {
      ran = fire.fire(firing);
    } catch (RuntimeException e) {
      ran = Future.failedFuture(e);
    }
    ran.onComplete(ar -> {
      if (current == firing) {
        current = null;
      }
    });
  }

  /** Arms the timer for {@link #fireAt}, rounded up to the next millisecond. */
  private void waitForFireTime() {
    Duration left = Duration.between(clock.instant(), fireAt);
    long ms = left.toMillis() + (left.toNanosPart() % 1_000_000 > 0 ? 1 : 0);
    timer = vertx.setTimer(Math.max(1, ms), id -> due());
  }

  private void due() {
    timer = -1;
    if (clock.instant().isBefore(fireAt)) { // timers and the wall clock may disagree by a few ms: never run early
      waitForFireTime();
      return;
    }
    Instant due = slot;
    if (current != null) {
      current.skipped++;
    } else {
      run(due, false);
    }
    // the next slot after this one, or after now if the timer came late (a suspended machine): a slot is never
    // fired twice, and slots long past are not fired at all
    Instant now = clock.instant();
    arm(now.isAfter(due) ? now : due);
  }
}
