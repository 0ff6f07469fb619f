package dev.scraper.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {
  @ParameterizedTest(name = "[{index}] attempt {0}, random {1} -> {2} ms")
  @CsvSource(textBlock = """
      # next attempt, random draw, expected ms
      2,              0.5,         250
      3,              0.5,         500
      4,              0.5,         1000
      5,              0.5,         2000
      6,              0.5,         4000
      7,              0.5,         8000
      8,              0.5,         10000
      9,              0.5,         10000
      11,             0.5,         10000
      1000,           0.5,         10000
      1,              0.5,         250
      0,              0.5,         250
      2,              0.0,         125
      2,              0.999999,    375
      3,              0.0,         250
      3,              0.25,        375
      8,              0.0,         5000
      1000,           0.999999,    15000
      """)
  void doublesPerAttemptFrom250MsWithJitterAndACapOfTenSeconds(int next, double random, long expectedMs) {
    assertEquals(expectedMs, Backoff.delayMs(next, random));
  }

  @ParameterizedTest(name = "[{index}] attempt {0}: base {1} ms")
  @CsvSource(textBlock = """
      2,  250
      3,  500
      4,  1000
      7,  8000
      12, 10000
      """)
  void theJitterStaysWithinHalfToOneAndAHalfTimesTheBase(int next, long baseMs) {
    for (int i = 0; i < 1000; i++) {
      long d = Backoff.delayMs(next);
      assertTrue(d >= baseMs / 2 && d < baseMs * 3 / 2 + 1, "attempt " + next + " waited " + d + " ms");
    }
  }

  @Test
  void theJitterSpreadsRetriesOfManyUrls() {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < 1000; i++) {
      long d = Backoff.delayMs(4);
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    assertTrue(max - min > 500, "1000 draws around 1000 ms spread only from " + min + " to " + max);
  }
}
