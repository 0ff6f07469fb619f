package dev.scraper.polite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's host board with a hand-moved clock: which ticket starts when, for every kind of start. */
class HostBoardTest {
  private static final String A = "http://a:80";
  private static final String B = "http://b:80";
  private final long[] now = {1_000};
  private final HostThrottle pace = new HostThrottle(() -> now[0]);
  private final HostBoard board = new HostBoard(pace, () -> now[0]);
  /** Started tickets by name, in start order, with their permits. */
  private final List<String> started = new ArrayList<>();
  private final Map<String, Permit> permits = new HashMap<>();

  private static Limits limits(int perHost, long delayMs) {
    return new Limits(perHost, delayMs, true, true);
  }

  private final class Named extends Ticket {
    final String name;
    Admission admission = Admission.START;
    int admits;

    Named(String name, String host, Limits limits, Lane lane) {
      super(host, limits, lane);
      this.name = name;
    }

    @Override
    protected Admission admit() {
      admits++;
      return admission;
    }

    @Override
    protected void start(Permit permit) {
      started.add(name);
      permits.put(name, permit);
    }
  }

  private Named fresh(String name, String host, Limits limits, Lane lane) {
    Named t = new Named(name, host, limits, lane);
    board.offer(t);
    return t;
  }

  private Named continuation(String name, String host, Limits limits) {
    Named t = new Named(name, host, limits, null);
    board.offer(t);
    return t;
  }

  private List<String> dispatch() {
    started.clear();
    board.dispatch();
    return new ArrayList<>(started);
  }

  private static Lane lane(String name) {
    return new Lane(name, () -> true);
  }

  @Test
  void theHostsInFlightIsCappedByEachTicketsPerHostAcrossLanes() {
    Lane probe = lane("probe");
    Lane crawl = lane("crawl");
    for (int i = 0; i < 3; i++) {
      fresh("crawl" + i, A, limits(8, 0), crawl);
      fresh("probe" + i, A, limits(1, 0), probe);
    }
    assertEquals(List.of("crawl0"), dispatch(), "the probe's turn comes next, and its perHost 1 holds the host");
    assertEquals(1, board.inFlight(A));
    permits.get("crawl0").release();
    assertEquals(List.of("probe0", "crawl1"), dispatch(), "in turn: the crawl's perHost 8 lets it start beside");
    permits.get("probe0").release();
    permits.get("crawl1").release();
    assertEquals(List.of("probe1", "crawl2"), dispatch());
  }

  @Test
  void twoLanesWithPerHostOneNeverHaveTwoRequestsInFlight() {
    Lane x = lane("x");
    Lane y = lane("y");
    for (int i = 0; i < 5; i++) {
      fresh("x" + i, A, limits(1, 0), x);
      fresh("y" + i, A, limits(1, 0), y);
    }
    List<String> order = new ArrayList<>();
    for (int round = 0; round < 10; round++) {
      List<String> now = dispatch();
      assertEquals(1, now.size(), "one start at a time: " + now);
      assertEquals(1, board.inFlight(A));
      order.addAll(now);
      permits.get(now.get(0)).release();
    }
    assertEquals(List.of("x0", "y0", "x1", "y1", "x2", "y2", "x3", "y3", "x4", "y4"), order, "served in turn");
  }

  @Test
  void eachTicketIsHeldToItsOwnDelayAfterTheHostsLastStartFromAnyLane() {
    Lane fast = lane("fast");
    Lane slow = lane("slow");
    fresh("fast0", A, limits(8, 0), fast);
    fresh("slow0", A, limits(8, 1_000), slow);
    fresh("fast1", A, limits(8, 0), fast);
    assertEquals(List.of("fast0"), dispatch(), "slow0's delay counts from fast0's start");
    assertEquals(1_000, board.dispatch(), "the board says when to look again");
    now[0] += 999;
    assertEquals(List.of(), dispatch(), "the lane whose turn it is holds the host");
    now[0] += 1;
    assertEquals(List.of("slow0", "fast1"), dispatch());
  }

  @Test
  void continuationsGoBeforeFreshTicketsAndNeedNoRoom() {
    Lane full = new Lane("full", () -> false);
    Lane open = lane("open");
    fresh("fresh", A, limits(1, 0), open);
    fresh("blocked", A, limits(1, 0), full);
    continuation("hop", A, limits(1, 0));
    assertEquals(List.of("hop"), dispatch());
    permits.get("hop").release();
    assertEquals(List.of("fresh"), dispatch(), "the lane without room is passed over");
    permits.get("fresh").release();
    assertEquals(List.of(), dispatch());
  }

  @Test
  void aContinuationIsHeldToTheHostsDelayLikeAnyStart() {
    Lane l = lane("l");
    fresh("page", A, limits(8, 500), l);
    assertEquals(List.of("page"), dispatch());
    continuation("redirect-hop", A, limits(8, 500));
    assertEquals(List.of(), dispatch());
    now[0] += 500;
    assertEquals(List.of("redirect-hop"), dispatch());
  }

  @Test
  void droppedTicketsTakeNoStartAndDoNotWaitForTheDelay() {
    Lane l = lane("l");
    fresh("first", A, limits(8, 1_000), l);
    assertEquals(List.of("first"), dispatch());
    List<Named> refused = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Named t = fresh("refused" + i, A, limits(8, 1_000), l);
      t.admission = Ticket.Admission.DROP;
      refused.add(t);
    }
    fresh("allowed", A, limits(8, 1_000), l);
    assertEquals(List.of(), dispatch(), "the allowed one waits for its delay");
    for (Named t : refused) {
      assertEquals(1, t.admits, "each refusal was decided at once, before the delay");
    }
    assertEquals(1, board.waiting());
    now[0] += 1_000;
    assertEquals(List.of("allowed"), dispatch());
  }

  @Test
  void aHeldTicketHoldsItsHostUntilWokenAndAContinuationOfferedMeanwhileStarts() {
    Lane l = lane("l");
    Named page = fresh("page", A, limits(8, 0), l);
    page.admission = Ticket.Admission.HOLD;
    fresh("other-host", B, limits(8, 0), l);
    assertEquals(List.of("other-host"), dispatch());
    continuation("robots.txt", A, limits(8, 0));
    assertEquals(List.of("robots.txt"), dispatch());
    permits.get("robots.txt").release();
    assertEquals(List.of(), dispatch(), "still held");
    page.admission = Ticket.Admission.START;
    board.wake(A);
    assertEquals(List.of("page"), dispatch());
  }

  @Test
  void hostsWithoutRoomAreParkedAndServedWhenRoomIsFreed() {
    int[] slots = {1};
    Lane l = new Lane("l", () -> permits.size() < slots[0]);
    for (String host : List.of(A, B, "http://c:80")) {
      fresh("t-" + host, host, limits(8, 0), l);
    }
    assertEquals(1, dispatch().size(), "one slot");
    assertEquals(List.of(), dispatch());
    slots[0] = 3;
    assertEquals(List.of(), dispatch(), "parked hosts wait for roomFreed");
    board.roomFreed(l);
    assertEquals(2, dispatch().size(), "both parked hosts started");
    assertEquals(0, board.waiting());
  }

  @Test
  void aRunsHostsTakeTurnsAtItsRoomSoNoneIsLeftToDrainAloneAtTheEnd() {
    Lane l = new Lane("l", () -> permits.values().stream().filter(p -> !p.released()).count() < 2);
    List<String> inFlight = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      for (String host : List.of("a", "b", "c", "d")) {
        fresh(host + i, "http://" + host + ":80", limits(8, 0), l);
      }
    }
    List<String> order = new ArrayList<>(dispatch());
    inFlight.addAll(order);
    for (int step = 0; step < 20 && !inFlight.isEmpty(); step++) {
      permits.get(inFlight.remove(0)).release(); // the oldest request ends, freeing the run's room
      board.roomFreed(l);
      List<String> now = dispatch();
      order.addAll(now);
      inFlight.addAll(now);
    }
    assertEquals(List.of("a0", "b0", "c0", "d0", "a1", "b1", "c1", "d1", "a2", "b2", "c2", "d2"), order,
        "the room a host's URL frees goes to the host that waited longest for it, not back to that host");
  }

  @Test
  void aPausedHostWaitsWhileAnotherHostGoesOnUnlessItsJobTurnedTheThrottleOff() {
    Lane l = lane("l");
    pace.answered(A, 429, 10, 1_000);
    fresh("a-throttled", A, limits(8, 0), l);
    fresh("a-unthrottled", A, new Limits(8, 0, false, true), lane("off"));
    fresh("b", B, limits(8, 0), l);
    List<String> first = dispatch();
    assertTrue(first.contains("b") && !first.contains("a-throttled"), first.toString());
    assertFalse(first.contains("a-unthrottled"), "the turn of the throttled lane holds the host");
    now[0] += 1_000;
    assertEquals(List.of("a-throttled", "a-unthrottled"), dispatch());
  }

  @Test
  void crawlDelayHoldsOnlyTicketsWhoseJobObeysRobotsTxt() {
    pace.crawlDelay(A, 5_000);
    Lane obeys = lane("obeys");
    Lane ignores = lane("ignores");
    fresh("ignores0", A, new Limits(8, 0, true, false), ignores);
    fresh("ignores1", A, new Limits(8, 0, true, false), ignores);
    assertEquals(List.of("ignores0", "ignores1"), dispatch());
    fresh("obeys0", A, limits(8, 0), obeys);
    assertEquals(List.of(), dispatch());
    now[0] += 5_000;
    assertEquals(List.of("obeys0"), dispatch());
  }

  @Test
  void hostsTakeTurnsSoOneBusyHostDoesNotStarveTheOthers() {
    Lane l = lane("l");
    for (int i = 0; i < 3; i++) {
      fresh("a" + i, A, limits(8, 0), l);
      fresh("b" + i, B, limits(8, 0), l);
    }
    assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2"), dispatch());
  }

  @Test
  void aStartThatEndsAtOnceIsServedByTheRunningDispatch() {
    Lane l = lane("l");
    List<String> order = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String name = "t" + i;
      board.offer(new Ticket(A, limits(1, 0), l) {
        @Override
        protected void start(Permit permit) {
          order.add(name);
          permit.release(); // ends at once, e.g. a synchronous failure
          board.dispatch(); // and asks for a dispatch: must not recurse
        }
      });
    }
    board.dispatch();
    assertEquals(20_000, order.size());
    assertEquals(0, board.hosts(), "idle hosts are forgotten");
  }

  @Test
  void cancelledTicketsAreDroppedWithoutAStart() {
    Lane l = lane("l");
    Named t = fresh("t", A, limits(8, 0), l);
    Named c = continuation("c", A, limits(8, 0));
    t.cancel();
    c.cancel();
    assertEquals(List.of(), dispatch());
    assertEquals(0, board.waiting());
    assertEquals(0, board.hosts());
  }

  @Test
  void manyHostsWaitingForTimeAreServedInTheOrderTheyMayStart() {
    Lane l = lane("l");
    int hosts = 100_000;
    for (int i = 0; i < hosts; i++) {
      String host = "http://h" + i + ":80";
      pace.crawlDelay(host, 1 + (i % 1_000));
      pace.started(host, now[0]);
      fresh("h" + i, host, limits(1, 0), l);
    }
    assertEquals(List.of(), dispatch());
    now[0] += 1;
    List<String> first = dispatch();
    assertEquals(100, first.size(), "the hosts whose 1 ms Crawl-delay is over");
    now[0] += 1_000;
    assertEquals(hosts - 100, dispatch().size());
    assertEquals(-1, board.dispatch());
  }

  @Test
  void aClosedBoardStartsNothing() {
    fresh("t", A, limits(8, 0), lane("l"));
    board.close();
    assertEquals(List.of(), dispatch());
    assertEquals(1, board.waiting());
  }
}
