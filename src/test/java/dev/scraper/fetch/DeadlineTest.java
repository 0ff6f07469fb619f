package dev.scraper.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The URL's budget on a clock the test moves by hand (nanoseconds). */
class DeadlineTest {
  private static final long MS = 1_000_000;

  @Test
  void theBudgetRunsOutAfterTimeoutMsOfWork() {
    Deadline d = new Deadline(1_000, 0);
    assertFalse(d.expired(999 * MS));
    assertTrue(d.expired(1_000 * MS));
    assertEquals(1, d.leftMs(1_500 * MS), "a last request still gets a connect budget");
  }

  @Test
  void waitingForTheHostsTurnIsNotCounted() {
    Deadline d = new Deadline(1_000, 0);
    d.park(400 * MS);
    assertFalse(d.expired(10_000 * MS), "never expires while parked");
    d.unpark(10_400 * MS);
    assertEquals(400, d.usedMs(10_400 * MS));
    assertFalse(d.expired(10_999 * MS));
    assertTrue(d.expired(11_000 * MS));
  }

  @Test
  void theAttemptsLatencyStartsAtItsStartAndLeavesParkedTimeOut() {
    Deadline d = new Deadline(30_000, 0);
    d.attemptStarted(2_000 * MS);
    d.park(2_100 * MS);
    d.unpark(5_100 * MS);
    assertEquals(150, d.attemptMs(5_150 * MS), "100 ms before the wait and 50 after it");
    d.park(5_200 * MS);
    assertEquals(200, d.attemptMs(9_000 * MS), "a wait under way does not count either");
  }

  @Test
  void aWaitThatWouldSpendTheBudgetIsSeenBeforeItStarts() {
    Deadline d = new Deadline(1_000, 0);
    assertFalse(d.wouldExpire(600 * MS, 399));
    assertTrue(d.wouldExpire(600 * MS, 400));
  }
}
