package dev.scraper.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.config.FetchPolicy;
import dev.scraper.record.ErrorType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryStepTest {
  private static final FetchPolicy POLICY = FetchPolicy.defaults(); // retries 2, timeoutMs 30000

  @ParameterizedTest(name = "[{index}] {0} retryable={1} after {2} attempts, Retry-After {3} -> {4}")
  @CsvSource(textBlock = """
      # type,    retryable, attempts, retryAfterMs, outcome (retry reason, or the failure's message)
      TIMEOUT,   true,      1,        -1,           timeout
      CONNECT,   true,      2,        -1,           connect
      CONNECT,   true,      3,        -1,           boom (after 3 attempts)
      PROTOCOL,  false,     1,        -1,           boom
      TIMEOUT,   true,      1,        30000,        boom (no time left in timeoutMs=30000 for attempt 2)
      """)
  void aRetryableFailureIsRetriedWhileAttemptsAndBudgetAreLeft(ErrorType type, boolean retryable, int attempts,
                                                                long retryAfterMs, String outcome) {
    FetchError error = new FetchError(type, "boom", retryable);
    RetryStep.Decision d = RetryStep.decide(error, null, retryAfterMs, attempts, POLICY, new Deadline(30_000, 0), 0);
    if (d.failure() == null) {
      assertEquals(outcome, d.reason());
      assertTrue(d.waitMs() >= 1, "waits " + d.waitMs());
    } else {
      assertEquals(outcome, d.failure().getMessage());
      assertNull(d.reason());
    }
  }

  @ParameterizedTest(name = "[{index}] HTTP {0} with Retry-After {1} waits {2} ms")
  @CsvSource({"503, 2000, 2000", "429, 0, 1"})
  void aStatusIsRetriedAfterItsRetryAfterAndCountedByStatus(int status, long retryAfterMs, long waitMs) {
    FetchError error = new FetchError(ErrorType.HTTP_STATUS, "HTTP " + status, true);
    RetryStep.Decision d = RetryStep.decide(error, status, retryAfterMs, 1, POLICY, new Deadline(30_000, 0), 0);
    assertEquals(waitMs, d.waitMs());
    assertEquals("http-" + status, d.reason());
  }
}
