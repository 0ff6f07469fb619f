package dev.scraper.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** URLs per host: a Zipf law truncated at a per-host cap, the day's total kept. */
class HostLoadTest {
  @Test
  void theDaysUrlsAreAllSpreadAndNoHostPassesTheCap() {
    HostLoad load = HostLoad.zipf(100_000, 10_000_000, 1.0, 20_000);
    double sum = 0;
    for (double n : load.perDay) {
      sum += n;
      assertTrue(n <= 20_000 + 1e-6, "a host got " + n);
    }
    assertEquals(10_000_000, sum, 1);
    assertTrue(load.capped > 0);
    assertTrue(load.uncappedTop > 20_000 * 10, "uncapped, Zipf(1) gives the biggest host " + load.uncappedTop);
  }

  @Test
  void theLawStaysHeavyTailedUnderTheCap() {
    HostLoad load = HostLoad.zipf(100_000, 10_000_000, 1.0, 20_000);
    int k = load.capped;
    assertEquals(2.0, load.perDay[k] / load.perDay[2 * k + 1], 0.01);
    assertEquals(10.0, load.perDay[k] / load.perDay[10 * k + 9], 0.01);
  }

  @Test
  void tooManyUrlsForTheHostsAtTheirCapAreRefusedSayingWhatToChange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HostLoad.zipf(1_000, 10_000_000, 1.0, 5_000));
    assertEquals("1000 hosts at most 5000 URLs a day each cannot hold 10000000 URLs a day: raise --hosts or"
        + " --max-per-host, or lower --urls or --delay-ms", e.getMessage());
  }
}
