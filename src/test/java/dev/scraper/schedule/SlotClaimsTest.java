package dev.scraper.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The claim of a slot, without a cluster: its key, how long it is kept, which slot a catch-up claims, and that of
 * nodes sharing one claim map only the one that took a slot's key fires it.
 */
class SlotClaimsTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:34:56Z");

  @Test
  void theKeyIsTheJobAndTheSlotInEpochMilliseconds() {
    assertEquals("news@1796040000000", SlotClaims.key("news", Instant.parse("2026-11-30T12:00:00Z")));
    assertEquals("a@b@0", SlotClaims.key("a@b", Instant.EPOCH));
  }

  @ParameterizedTest(name = "gap {0}: kept {1}")
  @CsvSource({
      "1s, 1h", // at least an hour: clocks a little apart, jitter, a restart's catch-up
      "10m, 1h",
      "30m, 1h",
      "45m, 90m",
      "1h, 2h",
      "1d, 2d",
      "7d, 14d",
      "300d, 400d", // at most 400 days
      "1000d, 400d",
  })
  void aClaimIsKeptTwiceTheGapToTheNextSlotBetweenAnHourAnd400Days(String gap, String kept) {
    assertEquals(Durations.parse(kept).toMillis(), SlotClaims.ttlMs(Durations.parse(gap)));
  }

  @Test
  void aSlotWithNoneAfterItIsKeptTheLongest() {
    assertEquals(Duration.ofDays(400).toMillis(), SlotClaims.ttlMs(null));
  }

  @ParameterizedTest(name = "{0}, last fired {1}: claims {2}")
  @CsvSource({
      // a catch-up claims the newest slot due, the one the nodes that stayed up fired last
      "every, 2026-11-30T12:10:00Z, true, 2026-11-30T12:30:00Z",
      "cron, 2026-11-30T12:10:00Z, true, 2026-11-30T12:30:00Z",
      "every, 2026-11-30T12:30:00Z, true, 2026-11-30T12:30:00Z",
      "cron, 2026-11-29T03:00:00Z, true, 2026-11-30T12:30:00Z",
      // a slot fired in its time claims itself
      "every, 2026-11-30T12:30:00Z, false, 2026-11-30T12:30:00Z",
      "cron, 2026-11-30T12:20:00Z, false, 2026-11-30T12:20:00Z",
  })
  void aCatchUpClaimsTheNewestSlotDueAndAnyOtherFiringItsOwn(String kind, Instant slot, boolean caughtUp,
                                                              Instant claimed) {
    Schedule every10m = kind.equals("every") ? new Every(Duration.ofMinutes(10), Duration.ZERO)
        : new Cron("*/10 * * * *", ZoneId.of("Europe/Paris"), Duration.ZERO);
    assertEquals(claimed, SlotClaims.claimed(every10m, new Trigger.Firing(slot, caughtUp), NOW));
  }

  @Test
  void theNewestSlotAtOrBeforeAnInstantCountsTheInstantItselfWhenItIsASlot() {
    Instant slot = Instant.parse("2026-11-30T12:30:00Z");
    Cron cron = new Cron("*/10 * * * *", ZoneOffset.UTC, Duration.ZERO);
    Every every = new Every(Duration.ofMinutes(10), Duration.ZERO);
    for (Schedule s : List.of(cron, every)) {
      assertEquals(slot, s.latest(slot), s.describe());
      assertEquals(slot, s.latest(slot.plusMillis(599_999)), s.describe());
      assertEquals(slot.minusSeconds(600), s.latest(slot.minusMillis(1)), s.describe());
    }
  }

  @Test
  void ofNodesSharingOneClaimMapOnlyTheOneThatTookASlotFiresItAndALateOneCannotTakeItAgain() {
    Map<String, String> map = new HashMap<>();
    Map<String, Long> ttls = new HashMap<>();
    List<String> fired = new ArrayList<>();
    Every every = new Every(Duration.ofMinutes(10), Duration.ZERO);
    List<Trigger.Fire> nodes = new ArrayList<>();
    for (String node : List.of("a", "b", "c")) {
      SlotClaims.Claim claim = (key, ttl) -> {
        ttls.put(key, ttl);
        String before = map.putIfAbsent(key, node);
        return Future.succeededFuture(before == null || before.equals(node));
      };
      nodes.add(SlotClaims.claiming("news", every, claim, Clock.fixed(NOW, ZoneOffset.UTC), firing -> {
        fired.add(node + " " + firing.slot());
        return Future.succeededFuture();
      }, p -> fired.add("problem " + p)));
    }
    Instant slot = Instant.parse("2026-11-30T12:30:00Z");
    for (Trigger.Fire node : nodes) {
      node.fire(new Trigger.Firing(slot, false));
    }
    nodes.get(2).fire(new Trigger.Firing(slot, false)); // late, or fired again
    // a node back after a restart catches up: the newest slot due is 12:30, which "a" ran already
    nodes.get(1).fire(new Trigger.Firing(slot.minusSeconds(3600), true));
    nodes.get(1).fire(new Trigger.Firing(slot.plusSeconds(600), false));
    assertEquals(List.of("a " + slot, "b " + slot.plusSeconds(600)), fired);
    assertEquals(Map.of("news@" + slot.toEpochMilli(), Duration.ofHours(1).toMillis(),
        "news@" + slot.plusSeconds(600).toEpochMilli(), Duration.ofHours(1).toMillis()), ttls);
  }

  @Test
  void aSlotTheClusterCannotClaimIsNotRunAndSaid() {
    List<String> said = new ArrayList<>();
    List<Instant> fired = new ArrayList<>();
    Trigger.Fire fire = SlotClaims.claiming("news", new Every(Duration.ofMinutes(10), Duration.ZERO),
        (key, ttl) -> Future.failedFuture("no partition owner"), Clock.fixed(NOW, ZoneOffset.UTC), firing -> {
          fired.add(firing.slot());
          return Future.succeededFuture();
        }, said::add);
    Future<?> done = fire.fire(new Trigger.Firing(Instant.parse("2026-11-30T12:30:00Z"), false));
    assertTrue(done.succeeded());
    assertEquals(List.of(), fired);
    assertEquals(List.of("scraper: job news: slot 2026-11-30T12:30:00Z not run here: the cluster could not say"
        + " whether another node has it: no partition owner"), said);
  }
}
