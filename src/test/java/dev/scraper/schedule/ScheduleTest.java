package dev.scraper.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Next fire times against fixed instants (no real clock): cron expressions in several time zones, through both
 * daylight-saving changes of Europe/Paris in 2026 (29 March, 02:00 CET becomes 03:00 CEST; 25 October, 03:00 CEST
 * becomes 02:00 CET), and the wall-clock alignment of "every".
 */
class ScheduleTest {

  /** The next {@code n} slots after {@code from}, one after another. */
  private static List<Instant> slots(Schedule s, Instant from, int n) {
    List<Instant> out = new ArrayList<>();
    Instant at = from;
    for (int i = 0; i < n; i++) {
      at = s.next(at);
      out.add(at);
    }
    return out;
  }

  private static List<Instant> instants(String spaced) {
    return java.util.Arrays.stream(spaced.trim().split("\\s+")).map(Instant::parse).toList();
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" in {1} after {2}")
  @CsvSource(delimiter = '|', textBlock = """
      # expression   | zone          | after                | the next slots (UTC)
      */15 * * * *   | UTC           | 2026-11-30T12:07:00Z | 2026-11-30T12:15:00Z 2026-11-30T12:30:00Z 2026-11-30T12:45:00Z
      */15 * * * *   | UTC           | 2026-11-30T12:15:00Z | 2026-11-30T12:30:00Z 2026-11-30T12:45:00Z 2026-11-30T13:00:00Z
      0 9 * * 1-5    | UTC           | 2026-11-27T10:00:00Z | 2026-11-30T09:00:00Z 2026-12-01T09:00:00Z 2026-12-02T09:00:00Z
      0 9 * * 1-5    | Europe/Paris  | 2026-11-27T10:00:00Z | 2026-11-30T08:00:00Z 2026-12-01T08:00:00Z 2026-12-02T08:00:00Z
      0 9 * * *      | Europe/Paris  | 2026-07-01T00:00:00Z | 2026-07-01T07:00:00Z 2026-07-02T07:00:00Z 2026-07-03T07:00:00Z
      0 9 * * *      | America/New_York | 2026-03-07T00:00:00Z | 2026-03-07T14:00:00Z 2026-03-08T13:00:00Z 2026-03-09T13:00:00Z
      30 5 1 * *     | Asia/Kolkata  | 2026-01-15T00:00:00Z | 2026-02-01T00:00:00Z 2026-03-01T00:00:00Z 2026-04-01T00:00:00Z
      0 0 29 2 *     | UTC           | 2026-01-01T00:00:00Z | 2028-02-29T00:00:00Z 2032-02-29T00:00:00Z
      # spring forward: 02:30 does not exist in Paris on 29 March, that day has no slot
      30 2 * * *     | Europe/Paris  | 2026-03-28T12:00:00Z | 2026-03-30T00:30:00Z 2026-03-31T00:30:00Z
      # ... and an hourly schedule goes from 01:00 CET (00:00Z) straight to 03:00 CEST (01:00Z)
      0 * * * *      | Europe/Paris  | 2026-03-28T23:30:00Z | 2026-03-29T00:00:00Z 2026-03-29T01:00:00Z 2026-03-29T02:00:00Z
      # fall back: 02:30 happens twice in Paris on 25 October, the slot runs once (the first, CEST)
      30 2 * * *     | Europe/Paris  | 2026-10-24T12:00:00Z | 2026-10-25T00:30:00Z 2026-10-26T01:30:00Z
      # ... and every quarter of the repeated hour fires, 15 real minutes apart
      */15 * * * *   | Europe/Paris  | 2026-10-25T00:40:00Z | 2026-10-25T00:45:00Z 2026-10-25T01:00:00Z 2026-10-25T01:15:00Z
      """)
  void cronSlotsFollowTheExpressionInItsTimeZone(String expression, String zone, String after, String expected) {
    Cron cron = new Cron(expression, ZoneId.of(zone), Duration.ZERO);
    List<Instant> want = instants(expected);
    assertEquals(want, slots(cron, Instant.parse(after), want.size()));
  }

  @ParameterizedTest(name = "[{index}] every {0} after {1}")
  @CsvSource(delimiter = '|', textBlock = """
      # interval | after                    | the next slots: multiples of the interval since the epoch
      10m        | 2026-11-30T12:07:31.250Z | 2026-11-30T12:10:00Z 2026-11-30T12:20:00Z 2026-11-30T12:30:00Z
      10m        | 2026-11-30T12:10:00Z     | 2026-11-30T12:20:00Z 2026-11-30T12:30:00Z
      1s         | 2026-11-30T12:00:00.999Z | 2026-11-30T12:00:01Z 2026-11-30T12:00:02Z
      30s        | 2026-11-30T12:00:45Z     | 2026-11-30T12:01:00Z 2026-11-30T12:01:30Z
      1h         | 2026-11-30T23:59:59Z     | 2026-12-01T00:00:00Z 2026-12-01T01:00:00Z
      7m         | 2026-11-30T12:00:00Z     | 2026-11-30T12:02:00Z 2026-11-30T12:09:00Z
      1d         | 2026-03-29T01:30:00Z     | 2026-03-30T00:00:00Z 2026-03-31T00:00:00Z
      """)
  void everySlotsAreAlignedToTheWallClock(String interval, String after, String expected) {
    Every every = new Every(Durations.parse(interval), Duration.ZERO);
    List<Instant> want = instants(expected);
    assertEquals(want, slots(every, Instant.parse(after), want.size()));
  }

  @Test
  void aCronThatNeverFiresHasNoSlot() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Cron("0 0 30 2 *", ZoneId.of("UTC"), Duration.ZERO));
    assertEquals("it never fires (no such date)", e.getMessage());
  }

  @Test
  void jitterMustBeShorterThanTheGap() {
    assertThrows(IllegalArgumentException.class, () -> new Every(Duration.ofMinutes(1), Duration.ofMinutes(1)));
    assertThrows(IllegalArgumentException.class, () -> new Every(Duration.ofMillis(999), Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> new Cron("0,1 * * * *", ZoneId.of("UTC"), Duration.ofMinutes(1)));
    assertEquals(Duration.ofSeconds(59),
        new Cron("0,1 * * * *", ZoneId.of("UTC"), Duration.ofSeconds(59)).jitter());
  }

  @ParameterizedTest
  @CsvSource({"500ms,PT0.5S", "30s,PT30S", "10m,PT10M", "1h,PT1H", "2d,PT48H"})
  void durationsAreANumberAndAUnit(String text, String iso) {
    assertEquals(Duration.parse(iso), Durations.parse(text));
    assertEquals(text, Durations.show(Duration.parse(iso)));
  }

  @Test
  void aDurationWithoutAKnownUnitIsRefusedWithTheAcceptedForms() {
    for (String bad : new String[] {"10x", "10", "m", "-5s", "1.5h", ""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad));
      assertEquals("'" + bad + "' is not a duration; give " + Durations.FORMS, e.getMessage());
    }
  }

  @Test
  void describeSaysHowTheScheduleWasGiven() {
    assertEquals("every 10m, jitter 30s", new Every(Duration.ofMinutes(10), Duration.ofSeconds(30)).describe());
    assertEquals("cron 0 9 * * 1-5 Europe/Paris",
        new Cron("0 9 * * 1-5", ZoneId.of("Europe/Paris"), Duration.ZERO).describe());
  }
}
