package dev.scraper.polite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostQueuesTest {
  /** The fake clock: tests move {@code now[0]} forward by hand. */
  private final long[] now = {0};

  private HostQueues<String> queues(int perHost, long delayMs) {
    return new HostQueues<>(perHost, delayMs, () -> now[0]);
  }

  /** Items are named {@code <host>:<n>}; the host part is the host key. */
  private static void offer(HostQueues<String> q, String item) {
    q.offer(item.substring(0, item.indexOf(':')), item);
  }

  private static List<String> pollAll(HostQueues<String> q) {
    List<String> out = new ArrayList<>();
    for (String item = q.poll(); item != null; item = q.poll()) {
      out.add(item);
    }
    return out;
  }

  @Test
  void aThirdItemOfTheSameHostWaitsForDoneWhenPerHostIsTwo() {
    HostQueues<String> q = queues(2, 0);
    offer(q, "a:1");
    offer(q, "a:2");
    offer(q, "a:3");
    assertEquals("a:1", q.poll());
    assertEquals("a:2", q.poll());
    assertNull(q.poll());
    assertNull(q.poll());
    q.done("a");
    assertEquals("a:3", q.poll());
    assertNull(q.poll());
  }

  @Test
  void theCapOfOneHostDoesNotHoldAnotherHost() {
    HostQueues<String> q = queues(1, 0);
    offer(q, "a:1");
    offer(q, "a:2");
    offer(q, "b:1");
    offer(q, "b:2");
    assertEquals(List.of("a:1", "b:1"), pollAll(q));
    q.done("b");
    assertEquals(List.of("b:2"), pollAll(q));
    q.done("a");
    assertEquals(List.of("a:2"), pollAll(q));
  }

  @ParameterizedTest(name = "offered {0} -> polled {1}")
  @CsvSource(delimiter = '|', textBlock = """
      a:1 a:2 a:3 b:1 c:1         | a:1 b:1 c:1 a:2 a:3
      a:1 a:2 b:1 b:2 b:3 c:1     | a:1 b:1 c:1 a:2 b:2 b:3
      a:1 b:1 a:2 b:2             | a:1 b:1 a:2 b:2
      c:1 b:1 a:1 a:2             | c:1 b:1 a:1 a:2
      """)
  void hostsTakeTurns(String offered, String polled) {
    HostQueues<String> q = queues(100, 0);
    for (String item : offered.split(" ")) {
      offer(q, item);
    }
    assertEquals(List.of(polled.split(" ")), pollAll(q));
  }

  @Test
  void aSingleItemOfHostBIsNotStuckBehindManyItemsOfHostA() {
    HostQueues<String> q = queues(1_000, 0);
    for (int i = 0; i < 500; i++) {
      offer(q, "a:" + i);
    }
    offer(q, "b:only");
    assertEquals("a:0", q.poll());
    assertEquals("b:only", q.poll());
    assertEquals("a:1", q.poll());
  }

  @Test
  void aSecondStartToTheSameHostWaitsDelayMs() {
    HostQueues<String> q = queues(10, 1_000);
    offer(q, "a:1");
    offer(q, "a:2");
    offer(q, "b:1");
    assertEquals("a:1", q.poll());
    assertEquals("b:1", q.poll(), "another host is not held by a's delay");
    assertNull(q.poll());
    assertEquals(1_000, q.msUntilNextStart());
    now[0] = 400;
    assertNull(q.poll());
    assertEquals(600, q.msUntilNextStart());
    now[0] = 999;
    assertNull(q.poll());
    assertEquals(1, q.msUntilNextStart());
    now[0] = 1_000;
    assertEquals("a:2", q.poll());
    assertEquals(-1, q.msUntilNextStart(), "nothing queued");
  }

  @Test
  void theDelayHoldsEvenWhenTheRequestEndedEarly() {
    HostQueues<String> q = queues(1, 500);
    offer(q, "a:1");
    assertEquals("a:1", q.poll());
    now[0] = 10;
    q.done("a");
    offer(q, "a:2");
    assertNull(q.poll());
    assertEquals(490, q.msUntilNextStart());
    now[0] = 500;
    assertEquals("a:2", q.poll());
  }

  @Test
  void msUntilNextStartIsMinusOneWhenTheOnlyWaitingHostIsHeldByItsCap() {
    HostQueues<String> q = queues(1, 100);
    assertEquals(-1, q.msUntilNextStart(), "empty");
    offer(q, "a:1");
    offer(q, "a:2");
    assertEquals(-1, q.msUntilNextStart(), "a may start now: nobody waits for time");
    assertEquals("a:1", q.poll());
    now[0] = 200;
    assertNull(q.poll());
    assertEquals(-1, q.msUntilNextStart());
  }

  @Test
  void msUntilNextStartIsTheShortestWaitOverHosts() {
    HostQueues<String> q = queues(5, 1_000);
    offer(q, "a:1");
    offer(q, "a:2");
    assertEquals("a:1", q.poll());
    now[0] = 300;
    offer(q, "b:1");
    offer(q, "b:2");
    assertEquals("b:1", q.poll());
    now[0] = 600;
    assertEquals(400, q.msUntilNextStart(), "a may start at 1000, b at 1300");
  }

  @Test
  void queuedCountsItemsNotYetStarted() {
    HostQueues<String> q = queues(1, 0);
    assertEquals(0, q.queued());
    offer(q, "a:1");
    offer(q, "a:2");
    offer(q, "b:1");
    assertEquals(3, q.queued());
    q.poll();
    assertEquals(2, q.queued());
    q.poll();
    assertEquals(1, q.queued());
    assertNull(q.poll());
    assertEquals(1, q.queued());
    q.done("a");
    assertEquals(1, q.queued(), "done ends a request, it does not dequeue");
    q.poll();
    assertEquals(0, q.queued());
  }

  @Test
  void doneForAnUnknownHostIsIgnored() {
    HostQueues<String> q = queues(1, 0);
    q.done("nobody");
    offer(q, "a:1");
    assertEquals("a:1", q.poll());
  }

  @Test
  void manyEmptyPollsDoNotForgetAHostsRequestsInFlight() {
    HostQueues<String> q = queues(1, 0);
    offer(q, "a:1");
    offer(q, "a:2");
    assertEquals("a:1", q.poll());
    for (int i = 0; i < 3_000; i++) {
      assertNull(q.poll());
    }
    q.done("a");
    assertEquals("a:2", q.poll());
    assertNull(q.poll());
  }

  @Test
  void anIdleHostStartsAgainAtOnceAfterItsDelay() {
    HostQueues<String> q = queues(1, 100);
    for (int round = 0; round < 3; round++) {
      offer(q, "a:" + round);
      assertEquals("a:" + round, q.poll());
      q.done("a");
      now[0] += 100;
    }
    assertEquals(0, q.queued());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      http://A.com/x                  | http://a.com:80
      HTTP://A.COM                    | http://a.com:80
      http://a.com:80/x               | http://a.com:80
      https://Example.COM/a?b=c       | https://example.com:443
      https://example.com:443/        | https://example.com:443
      http://a.com:8080/x             | http://a.com:8080
      https://a.com:80/               | https://a.com:80
      http://user@a.com/              | http://a.com:80
      http://127.0.0.1:9000/x         | http://127.0.0.1:9000
      """)
  void hostKeyIsSchemeHostAndPortLowerCased(String url, String key) {
    assertEquals(key, dev.scraper.internal.HostKeys.of(url));
  }
}
