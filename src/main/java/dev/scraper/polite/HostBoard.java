package dev.scraper.polite;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.LongSupplier;

/**
 * Every request start of the engine, whatever run, job or hop it belongs to, waits here for its host. A start is
 * allowed while the host's requests in flight (from every run) are below the ticket's {@code perHost} and the
 * host's last start is at least the ticket's gap ago ({@code delayMs}, and where its job asks for them the
 * Crawl-delay and the throttle's gap and pause, see {@link HostThrottle}). Continuations go first; fresh tickets
 * of several lanes on one host are served in turn, and the lane whose turn it is holds the host until it may start,
 * so one run cannot starve another of the same host.
 *
 * <p>Hosts wait in one of four places: the ready line (served round robin, so one busy host never starves the
 * others), a heap ordered by the time they may start next (O(log hosts), no scan of waiting hosts), the lanes
 * that lacked room, or nowhere while they wait for a request to end or for {@link #wake}. Entries of the heap and
 * of the lanes are stamped with the host's version, and a stale one is skipped. Not thread-safe: owned by the
 * engine's event loop; {@link #dispatch} is never re-entered (a start that ends at once is served by the running
 * call).
 */
public final class HostBoard {
  private final HostThrottle pace;
  private final LongSupplier clock;
  private final Map<String, Host> hosts = new HashMap<>();
  private final ArrayDeque<Host> ready = new ArrayDeque<>();
  private final PriorityQueue<Filed> timed = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
  private final ArrayDeque<Lane> unpark = new ArrayDeque<>();
  private boolean dispatching;
  private boolean again;
  private boolean closed;
  private int waiting;

  /** @param clock ms, monotonic; the throttle's clock too */
  public HostBoard(HostThrottle pace, LongSupplier clock) {
    this.pace = pace;
    this.clock = clock;
  }

  /** Queues a start; call {@link #dispatch} afterwards. */
  public void offer(Ticket t) {
    Host h = hosts.computeIfAbsent(t.hostKey, Host::new);
    if (t.lane == null) {
      h.priority.addLast(t);
    } else {
      h.laneQueue(t.lane).addLast(t);
    }
    h.waiting++;
    waiting++;
    markReady(h);
  }

  /** The host's held ticket may be decided now (its robots.txt arrived). */
  public void wake(String hostKey) {
    Host h = hosts.get(hostKey);
    if (h != null && h.waiting > 0) {
      markReady(h);
    }
  }

  /** The lane has room again (a URL of its run ended, memory was freed): hosts parked on it are looked at. */
  public void roomFreed(Lane lane) {
    if (!lane.unparking && !lane.parked.isEmpty()) {
      lane.unparking = true;
      unpark.addLast(lane);
    }
  }

  /** No start from now on (the engine stops); waiting tickets stay where they are. */
  public void close() {
    closed = true;
  }

  /** Tickets waiting, over all hosts (cancelled ones until they are reached). */
  public int waiting() {
    return waiting;
  }

  /** Hosts with a ticket waiting or a request in flight. */
  public int hosts() {
    return hosts.size();
  }

  /** Requests in flight, over all hosts. */
  public int inFlight() {
    int n = 0;
    for (Host h : hosts.values()) {
      n += h.inFlight;
    }
    return n;
  }

  /** Each host with a request in flight, and how many it has (a copy). */
  public Map<String, Integer> inFlightByHost() {
    Map<String, Integer> out = new HashMap<>();
    for (Host h : hosts.values()) {
      if (h.inFlight > 0) {
        out.put(h.key, h.inFlight);
      }
    }
    return out;
  }

  /** The host's requests in flight. */
  public int inFlight(String hostKey) {
    Host h = hosts.get(hostKey);
    return h == null ? 0 : h.inFlight;
  }

  /**
   * Starts every ticket that may start now, host after host.
   *
   * @return ms until a host waiting for time may start, or -1 when none waits for time
   */
  public long dispatch() {
    if (dispatching) {
      again = true;
      return -1;
    }
    dispatching = true;
    try {
      do {
        again = false;
        if (!closed) {
          serve(clock.getAsLong());
        }
      } while (again);
    } finally {
      dispatching = false;
    }
    return msUntilNext(clock.getAsLong());
  }

  private void serve(long now) {
    while (!timed.isEmpty() && timed.peek().at <= now) {
      Filed f = timed.poll();
      if (f.current()) {
        markReady(f.host);
      }
    }
    for (Host h = nextHost(); h != null && !closed; h = nextHost()) {
      h.inReady = false;
      h.version++;
      file(h, h.evaluate(this, now));
    }
  }

  /**
   * Hosts parked for their run's room first, then the ready ones: a run's hosts take turns, none drains alone at its end.
   */
  private Host nextHost() {
    while (!unpark.isEmpty()) {
      Lane lane = unpark.peekFirst();
      Filed f = lane.hasRoom() ? lane.parked.pollFirst() : null;
      if (f == null) {
        lane.unparking = false;
        unpark.pollFirst();
      } else if (f.current()) {
        return f.host;
      }
    }
    return ready.pollFirst();
  }

  /** Puts a host where its outcome says it waits. */
  private void file(Host h, long outcome) {
    if (outcome == Host.STARTED) {
      if (h.waiting > 0) {
        markReady(h);
      } else {
        forgetIfIdle(h);
      }
    } else if (outcome >= 0) {
      timed.add(new Filed(h, outcome));
    } else if (outcome == Host.NO_ROOM) {
      for (HostLines.HostLane hl : h.turn) {
        if (!hl.queue.isEmpty() && !hl.lane.hasRoom()) {
          hl.lane.parked.addLast(new Filed(h, 0));
        }
      }
    } else if (outcome == Host.EMPTY) {
      forgetIfIdle(h);
    }
    // BUSY (a request must end first) and HELD (wake() must come) need no entry
  }

  private void markReady(Host h) {
    if (!h.inReady) {
      h.inReady = true;
      h.version++;
      ready.addLast(h);
    }
  }

  private void forgetIfIdle(Host h) {
    if (h.waiting == 0 && h.inFlight == 0 && !h.inReady) {
      hosts.remove(h.key);
    }
  }

  private long msUntilNext(long now) {
    while (!timed.isEmpty() && !timed.peek().current()) {
      timed.poll();
    }
    if (!ready.isEmpty()) {
      return 0;
    }
    return timed.isEmpty() ? -1 : Math.max(1, timed.peek().at - now);
  }

  /** Ms the ticket must wait at its host: 0 to start now, {@link Host#BUSY} while the host has too many in flight. */
  long waitFor(Ticket t, Host h, long now) {
    return h.inFlight >= t.limits.perHost() ? Host.BUSY : StartTime.waitMs(t.limits, pace, h.key, now);
  }

  void start(Ticket t, Host h, long now) {
    h.waiting--;
    waiting--;
    h.inFlight++;
    pace.started(h.key, now);
    t.start(new Permit(this, h));
  }

  void dropped(Host h) {
    h.waiting--;
    waiting--;
  }

  void released(Host h) {
    h.inFlight--;
    if (h.waiting > 0) {
      markReady(h);
    } else {
      forgetIfIdle(h);
    }
  }

  /** A host with its lines; the decisions about its next start are in {@link Host#evaluate}. */
  static final class Host extends HostLines {
    int version;
    boolean inReady;

    Host(String key) {
      super(key);
    }
  }
}
