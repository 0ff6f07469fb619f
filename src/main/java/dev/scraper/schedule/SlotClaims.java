package dev.scraper.schedule;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A slot runs once across a cluster whose nodes all have the job: before a node starts the run of a slot it claims
 * {@code "<job>@<slot epoch ms>"}, and only the node whose claim succeeded runs it; the others skip that slot
 * (a debug line, nothing on the terminal). Slots are on the wall clock, so every node names a slot the same way. A
 * claim is a key put once (not a lock that is given back), kept {@link #ttlMs twice the gap to the next slot, at
 * least an hour}, so a node that fires late, or comes back, cannot take the slot again. A catch-up after a restart
 * claims the newest slot due (the one the nodes that stayed up fired last): after the whole cluster was down one
 * node catches up; after one node alone was down, none does.
 */
public final class SlotClaims {
  /** The shortest time a slot's claim is kept: covers clocks a little apart, jitter, and a restart's catch-up. */
  static final Duration MIN_TTL = Duration.ofHours(1);
  /** The longest: slots a year apart still hold their claim past the next slot. */
  static final Duration MAX_TTL = Duration.ofDays(400);
  private static final Logger LOG = Logger.getLogger(SlotClaims.class.getName());

  /** Takes {@code key} cluster-wide for {@code ttlMs}: true when this node has it. */
  @FunctionalInterface
  public interface Claim {
    Future<Boolean> claim(String key, long ttlMs);
  }

  private SlotClaims() {
  }

  /** The claim key of the job's slot: {@code "<job>@<slot epoch ms>"}. */
  public static String key(String job, Instant slot) {
    return job + "@" + slot.toEpochMilli();
  }

  /** How long a slot's claim is kept, given the gap to the next slot (null: none comes): 2 × gap in [1 h, 400 d]. */
  public static long ttlMs(Duration gap) {
    if (gap == null) {
      return MAX_TTL.toMillis();
    }
    Duration twice = gap.compareTo(MAX_TTL) >= 0 ? MAX_TTL : gap.multipliedBy(2);
    return Math.min(MAX_TTL.toMillis(), Math.max(MIN_TTL.toMillis(), twice.toMillis()));
  }

  /**
   * The slot {@code firing} claims: its own; for a catch-up at start, the newest slot due by {@code now} (when the
   * schedule can tell, and it is not earlier).
   */
  static Instant claimed(Schedule schedule, Trigger.Firing firing, Instant now) {
    if (!firing.caughtUp()) {
      return firing.slot();
    }
    Instant newest = schedule.latest(now);
    return newest != null && newest.isAfter(firing.slot()) ? newest : firing.slot();
  }

  /**
   * {@code fire} for the slots this node claims; a slot another node has is skipped. When the cluster cannot say
   * (its map failed), the slot is not run here and {@code problem} says so: twice is worse than once missed.
   */
  public static Trigger.Fire claiming(String job, Schedule schedule, Claim claim, Clock clock, Trigger.Fire fire,
                                      Consumer<String> problem) {
    return firing -> {
      Instant slot = claimed(schedule, firing, clock.instant());
      Instant next = schedule.next(slot);
      return claim.claim(key(job, slot), ttlMs(next == null ? null : Duration.between(slot, next)))
          .recover(e -> {
            problem.accept("scraper: job " + job + ": slot " + slot + " not run here: the cluster could not say"
                + " whether another node has it: " + e.getMessage());
            return Future.succeededFuture(false);
          })
          .compose(mine -> {
            if (mine) {
              return fire.fire(firing);
            }
            LOG.log(Level.FINE, "job {0}: slot {1} is run by another node", new Object[] {job, slot});
            return Future.succeededFuture();
          });
    };
  }
}
