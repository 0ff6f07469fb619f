package dev.scraper.polite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostThrottleTest {
  private static final String A = "http://127.0.0.1:8080";
  private static final String B = "http://127.0.0.2:8080";

  /** A clock the test moves by hand, in ms. */
  private long now = 1_000_000;
  private final HostThrottle throttle = new HostThrottle(() -> now);

  @ParameterizedTest(name = "[{index}] {0} with Retry-After {1} ms pauses {2} ms")
  @CsvSource(textBlock = """
      # status, Retry-After ms (-1 = none), expected pause ms
      429,      2000,                       2000
      503,      2000,                       2000
      429,      0,                          0
      429,      -1,                         500
      503,      -1,                         500
      429,      9223372036854775807,        60000
      503,      600000,                     60000
      """)
  void aSlowDownAnswerPausesTheHostForItsRetryAfterOrElseTheGap(int status, long retryAfterMs, long pauseMs) {
    throttle.answered(A, status, 10, retryAfterMs);
    assertEquals(now + pauseMs, throttle.notBefore(A));
    assertEquals(HostThrottle.FIRST_BACKOFF_MS, throttle.gapMs(A), "the first slow-down sets the first gap");
    assertEquals(1, throttle.slowdowns());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({"429", "503"})
  void eachSlowDownDoublesTheGap(int status) {
    long[] expected = {500, 1000, 2000, 4000};
    for (long gap : expected) {
      throttle.answered(A, status, 10, -1);
      assertEquals(gap, throttle.gapMs(A));
      assertEquals(now + gap, throttle.notBefore(A), "without Retry-After the pause is the gap");
    }
    for (int i = 0; i < 20; i++) {
      throttle.answered(A, status, 10, -1);
    }
    assertEquals(HostThrottle.MAX_GAP_MS, throttle.gapMs(A), "the gap has a ceiling");
  }

  @Test
  void aLaterShorterRetryAfterNeverShortensAPause() {
    throttle.answered(A, 429, 10, 5000);
    now += 1000;
    throttle.answered(A, 429, 10, 1000);
    assertEquals(now + 4000, throttle.notBefore(A));
  }

  @Test
  void successesShrinkTheGapSlowlyBackToZero() {
    throttle.answered(A, 429, 10, -1);
    long gap = throttle.gapMs(A);
    assertEquals(500, gap);
    int answers = 0;
    while (throttle.gapMs(A) > 0 && answers < 1000) {
      throttle.answered(A, 200, 10, -1);
      answers++;
      assertTrue(throttle.gapMs(A) <= gap, "the gap never grows on steady answers");
      assertTrue(gap < 50 || throttle.gapMs(A) >= gap * 0.85, "no answer cuts the gap by much: " + gap + " -> "
          + throttle.gapMs(A));
      gap = throttle.gapMs(A);
    }
    assertEquals(0, throttle.gapMs(A), "the gap reaches 0");
    assertTrue(answers > 5, "a host recovers slowly, it took only " + answers + " answers");
  }

  @Test
  void aPauseEndsWithTheClock() {
    throttle.answered(A, 429, 10, 1000);
    long until = throttle.notBefore(A);
    now += 1000;
    throttle.answered(A, 200, 10, -1);
    assertTrue(throttle.notBefore(A) <= now, "no pause after the Retry-After: " + (until - now));
  }

  @Test
  void risingLatencyGrowsTheGap() {
    for (int i = 0; i < 20; i++) {
      throttle.answered(A, 200, 10, -1);
    }
    assertEquals(0, throttle.gapMs(A), "steady latency keeps the gap at 0");
    long most = 0;
    for (int i = 0; i < 10; i++) {
      throttle.answered(A, 200, 500, -1);
      most = Math.max(most, throttle.gapMs(A));
    }
    assertTrue(most >= 50, "latency 50x the best should slow us down; gap at most " + most);
    assertTrue(throttle.gapMs(A) > 0, "the gap is still there after 10 slow answers");
    assertTrue(throttle.notBefore(A) <= now, "latency alone does not pause the host");
    assertEquals(0, throttle.slowdowns(), "slow answers are not slow-down requests");
  }

  @Test
  void slightlyNoisyLatencyDoesNotGrowTheGap() {
    for (int i = 0; i < 50; i++) {
      throttle.answered(A, 200, i % 2 == 0 ? 10 : 40, -1);
    }
    assertEquals(0, throttle.gapMs(A));
  }

  @Test
  void otherHostsAreUnaffected() {
    throttle.answered(A, 429, 10, 5000);
    for (int i = 0; i < 10; i++) {
      throttle.answered(A, 200, 10 + 200 * i, -1);
    }
    throttle.crawlDelay(A, 2000);
    assertTrue(throttle.notBefore(A) > now);
    assertEquals(0, throttle.notBefore(B));
    assertEquals(0, throttle.gapMs(B));
  }

  @Test
  void anAnswerWithoutStatusChangesNothing() {
    throttle.answered(A, null, 30_000, -1);
    assertEquals(0, throttle.gapMs(A));
    assertEquals(0, throttle.notBefore(A));
  }

  @Test
  void crawlDelayIsKeptApartFromTheAdaptiveGapAndANewRobotsTxtCanClearIt() {
    throttle.crawlDelay(A, 1500);
    assertEquals(1500, throttle.crawlDelayMs(A));
    assertEquals(0, throttle.gapMs(A), "the board takes the larger of the two for jobs that obey robots.txt");
    throttle.answered(A, 429, 10, -1);
    assertEquals(500, throttle.gapMs(A));
    assertEquals(1500, throttle.crawlDelayMs(A), "answers do not move the Crawl-delay");
    throttle.crawlDelay(A, 0);
    assertEquals(0, throttle.crawlDelayMs(A), "a robots.txt without Crawl-delay clears it");
    assertEquals(0, throttle.crawlDelayMs(B));
  }

  @Test
  void theLastStartIsRememberedPerHost() {
    assertEquals(HostThrottle.NEVER, throttle.lastStart(A));
    throttle.started(A, 5);
    assertEquals(5, throttle.lastStart(A));
    assertEquals(HostThrottle.NEVER, throttle.lastStart(B));
  }
}
