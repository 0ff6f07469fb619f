package dev.scraper.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The trigger on a real event loop with 1 s slots: a run starts no earlier than its slot plus its jitter, slots that
 * come while a run goes are counted on it and start nothing, and a stopped trigger fires nothing more.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class TriggerTest {

  @Test
  void aRunStartsAfterItsSlotPlusItsJitterAndSlotsDuringARunAreCountedOnIt(Vertx vertx, VertxTestContext ctx) {
    Clock clock = Clock.systemUTC();
    Every every = new Every(Duration.ofSeconds(1), Duration.ofMillis(400));
    List<Instant> started = new ArrayList<>();
    List<Trigger.Firing> firings = new ArrayList<>();
    Promise<Void> firstRun = Promise.promise();
    vertx.runOnContext(v -> {
      // the jitter drawn is always the most allowed, so the start time is known
      Trigger trigger = new Trigger(vertx, every, clock, max -> max, firing -> {
        started.add(clock.instant());
        firings.add(firing);
        if (firings.size() == 1) {
          return firstRun.future(); // the first run lasts until two more slots have come and gone
        }
        return Future.succeededFuture();
      });
      trigger.start();
      Instant first = trigger.nextSlot();
      ctx.verify(() -> assertEquals(0, first.toEpochMilli() % 1000, "aligned to the second"));
      vertx.setTimer(Duration.between(clock.instant(), first.plusMillis(2_600)).toMillis(), t -> {
        firstRun.complete(); // slots first+1s and first+2s came during the first run
        vertx.setTimer(Duration.between(clock.instant(), first.plusMillis(3_700)).toMillis(), u -> {
          trigger.stop();
          Instant lastSeen = trigger.lastFired();
          vertx.setTimer(1_300, w -> ctx.verify(() -> {
            assertEquals(2, firings.size(), "the slots during the first run started nothing: " + started);
            assertEquals(first, firings.get(0).slot());
            assertEquals(2, firings.get(0).skipped());
            assertEquals(first.plusSeconds(3), firings.get(1).slot(), "the next run is at the first slot after");
            assertEquals(0, firings.get(1).skipped());
            for (int i = 0; i < 2; i++) {
              Instant earliest = firings.get(i).slot().plusMillis(400);
              assertTrue(!started.get(i).isBefore(earliest), started.get(i) + " before " + earliest);
            }
            assertEquals(first.plusSeconds(3), lastSeen);
            assertNull(trigger.nextSlot(), "stopped");
            ctx.completeNow();
          }));
        });
      });
    });
  }

  @Test
  void slotsMissedSinceTheLastFiredOneRunOnceAtStartAndOnlyWhenOneWasMissed(Vertx vertx, VertxTestContext ctx) {
    Instant now = Instant.parse("2026-11-30T12:34:56Z");
    Clock clock = Clock.fixed(now, java.time.ZoneOffset.UTC);
    Every every = new Every(Duration.ofMinutes(10), Duration.ZERO);
    vertx.runOnContext(v -> ctx.verify(() -> {
      List<Trigger.Firing> firings = new ArrayList<>();
      Trigger late = new Trigger(vertx, every, clock, max -> 0, f -> {
        firings.add(f);
        return Future.succeededFuture();
      });
      Instant missed = late.start(Instant.parse("2026-11-30T11:00:00Z")); // 9 slots came while down
      assertEquals(Instant.parse("2026-11-30T11:10:00Z"), missed, "the first slot missed");
      assertEquals(1, firings.size(), "once, however many were missed");
      assertEquals(missed, firings.get(0).slot());
      assertEquals(Instant.parse("2026-11-30T12:40:00Z"), late.nextSlot());
      late.stop();

      Trigger onTime = new Trigger(vertx, every, clock, max -> 0, f -> {
        firings.add(f);
        return Future.succeededFuture();
      });
      assertNull(onTime.start(Instant.parse("2026-11-30T12:30:00Z")), "the last slot was fired: nothing missed");
      assertNull(new Trigger(vertx, every, clock, max -> 0, f -> Future.succeededFuture()).start(null));
      assertEquals(1, firings.size());
      onTime.stop();
      ctx.completeNow();
    }));
  }
}
