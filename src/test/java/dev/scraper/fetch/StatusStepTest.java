package dev.scraper.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.scraper.config.FetchPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusStepTest {
  private static final FetchPolicy POLICY = FetchPolicy.defaults(); // retryOn 429 500 502 503 504, 60 s Retry-After

  @ParameterizedTest(name = "[{index}] {0} {1} Retry-After {2} -> {3}")
  @CsvSource(textBlock = """
      # status, reason,       retryAfterMs, message (empty: the page),                                     retryable
      200,      OK,           -1,           ,                                                              false
      304,      Not Modified, -1,           ,                                                              false
      399,      ,             -1,           ,                                                              false
      404,      Not Found,    -1,           HTTP 404 Not Found,                                            false
      500,      ,             -1,           HTTP 500,                                                      true
      503,      Busy,         1000,         HTTP 503 Busy,                                                 true
      429,      ,             120000,       HTTP 429; Retry-After of 120 s is over maxRetryAfterMs=60000, false
      """)
  void theStatusSaysWhetherTheAnswerIsThePageAnErrorOrARetry(int status, String reason, long retryAfterMs,
                                                             String message, boolean retryable) {
    FetchError e = StatusStep.error(status, reason, retryAfterMs, POLICY);
    if (message == null) {
      assertNull(e);
    } else {
      assertEquals(message, e.getMessage());
      assertEquals(retryable, e.retryable());
      assertEquals("http-status", e.type().wire());
    }
  }

  @org.junit.jupiter.api.Test
  void a304AnswersAConditionalRequestEvenWhenTheJobExpectsOtherStatuses() {
    FetchPolicy d = FetchPolicy.defaults();
    FetchPolicy only200 = new FetchPolicy(d.concurrency(), d.perHost(), d.delayMs(), d.timeoutMs(),
        d.connectTimeoutMs(), d.idleTimeoutMs(), d.followRedirects(), d.maxRedirects(), d.maxBodyBytes(), d.retries(),
        d.retryOn(), d.userAgent(), d.headers(), d.robotsTxt(), d.throttle(), d.maxRetryAfterMs(),
        d.maxCrawlDelayMs(), d.method(), java.util.List.of(200), d.tlsProxy());
    assertNull(StatusStep.error(304, "Not Modified", -1, only200));
    assertEquals("HTTP 302 Found; expected 200", StatusStep.error(302, "Found", -1, only200).getMessage());
  }
}
