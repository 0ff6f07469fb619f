package dev.scraper.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The simulation's command line: the plan's defaults and messages that say what to fix. */
class ScaleOptionsTest {
  @Test
  void theDefaultsAreThePlanOfTheScaleDocument() {
    ScaleOptions o = ScaleOptions.parse();
    assertEquals(9, o.nodes());
    assertEquals(1_000_000, o.hosts());
    assertEquals(100_000_000, o.urlsPerDay());
    assertEquals(8, o.failNode());
    assertEquals(1_000, o.detectionMs());
    assertEquals(34_560, o.hostCap(), 1e-6);
  }

  @Test
  void aFreezeIsNoticedByTheHeartbeatTimeoutByDefault() {
    assertEquals(10_000, ScaleOptions.parse("--freeze-ms", "20000").detectionMs());
  }

  @Test
  void theOwnersLossIsRefusedAsNotModelled() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ScaleOptions.parse("--kill-node", "0"));
    assertEquals("--kill-node must be 1..8 (node 0 is the run's owner, whose loss this simulation does not model),"
        + " got 0", e.getMessage());
  }

  @Test
  void anUnknownOptionOrAMissingValueIsNamed() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ScaleOptions.parse("--nodse", "3"))
        .getMessage().startsWith("unknown option '--nodse' (usage: ScaleSimulation"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ScaleOptions.parse("--nodes"))
        .getMessage().startsWith("option '--nodes' needs a value"));
    assertEquals("--nodes must be a whole number, got 'x'",
        assertThrows(IllegalArgumentException.class, () -> ScaleOptions.parse("--nodes", "x")).getMessage());
  }
}
