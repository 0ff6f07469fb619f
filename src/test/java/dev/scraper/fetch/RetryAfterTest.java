package dev.scraper.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryAfterTest {
  /** Monday 23 November 2026, 12:00:00 UTC: the fixed "now" of every row. */
  private static final long NOW = Instant.parse("2026-11-23T12:00:00Z").toEpochMilli();

  @ParameterizedTest(name = "[{index}] Retry-After ''{0}'' -> {1} ms")
  @CsvSource(nullValues = "NULL", textBlock = """
      # header,                          expected ms
      120,                               120000
      ' 5 ',                             5000
      0,                                 0
      007,                               7000
      'Mon, 23 Nov 2026 12:00:30 GMT',   30000
      ' Mon, 23 Nov 2026 12:00:30 GMT ', 30000
      'Mon, 23 Nov 2026 12:00:00 GMT',   0
      'Mon, 23 Nov 2026 11:59:00 GMT',   0
      'Sun, 06 Nov 1994 08:49:37 GMT',   0
      soon,                              -1
      -5,                                -1
      1.5,                               -1
      '12 s',                            -1
      '2026-11-23T12:00:30Z',            -1
      '',                                -1
      '   ',                             -1
      NULL,                              -1
      9223372036854775807,               9223372036854775807
      99999999999999999999999999,        9223372036854775807
      """)
  void readsDelaySecondsOrAnHttpDateAndGivesMinusOneWhenUnreadable(String header, long expectedMs) {
    assertEquals(expectedMs, RetryAfter.parseMs(header, NOW));
  }
}
