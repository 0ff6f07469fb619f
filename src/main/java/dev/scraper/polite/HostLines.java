package dev.scraper.polite;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The lines of one host: continuations first, then one line per lane, served in turn. {@link #evaluate} decides
 * the host's next start. Owned by the {@link HostBoard}.
 */
class HostLines {
  /** Outcomes of {@link #evaluate} other than a time (ms of the board's clock) to look again. */
  static final long STARTED = -1;
  /** The host has as many requests in flight as the next ticket allows: a request must end first. */
  static final long BUSY = -2;
  /** Every lane with a ticket lacks room: the host is parked on those lanes. */
  static final long NO_ROOM = -3;
  /** The ticket whose turn it is cannot be decided yet: the host waits for {@link HostBoard#wake}. */
  static final long HELD = -4;
  /** Nothing waits. */
  static final long EMPTY = -5;

  final String key;
  final ArrayDeque<Ticket> priority = new ArrayDeque<>(2);
  final ArrayDeque<HostLane> turn = new ArrayDeque<>(2);
  int inFlight;
  int waiting;

  HostLines(String key) {
    this.key = key;
  }

  ArrayDeque<Ticket> laneQueue(Lane lane) {
    for (HostLane hl : turn) {
      if (hl.lane == lane) {
        return hl.queue;
      }
    }
    HostLane hl = new HostLane(lane);
    turn.addLast(hl);
    return hl.queue;
  }

  /**
   * Starts this host's next ticket if it may start now, else says what the host waits for. Cancelled tickets and
   * fresh tickets their owner drops (a robots.txt refusal, decided here before any start slot is taken) are
   * removed on the way, without waiting for the host's gap.
   */
  long evaluate(HostBoard board, long now) {
    HostBoard.Host self = (HostBoard.Host) this;
    Ticket next = priority.peekFirst();
    while (next != null && next.cancelled) {
      priority.pollFirst();
      board.dropped(self);
      next = priority.peekFirst();
    }
    if (next != null) {
      long wait = board.waitFor(next, self, now);
      if (wait != 0) {
        return wait == BUSY ? BUSY : now + wait;
      }
      priority.pollFirst();
      board.start(next, self, now);
      return STARTED;
    }
    boolean lacking = false;
    for (Iterator<HostLane> it = turn.iterator(); it.hasNext(); ) {
      HostLane hl = it.next();
      if (hl.queue.isEmpty()) {
        it.remove();
        continue;
      }
      if (!hl.lane.hasRoom()) {
        lacking = true;
        continue;
      }
      Ticket t = admitted(hl, board, self);
      if (t == null) {
        if (hl.queue.isEmpty()) {
          it.remove();
          continue;
        }
        return HELD; // a robots.txt fetch this asked for was offered, which put the host back in the ready line
      }
      long wait = board.waitFor(t, self, now);
      if (wait != 0) {
        return wait == BUSY ? BUSY : now + wait; // the lane keeps its turn
      }
      hl.queue.pollFirst();
      it.remove();
      if (!hl.queue.isEmpty()) {
        turn.addLast(hl); // its next ticket waits for the other lanes' turns
      }
      board.start(t, self, now);
      return STARTED;
    }
    return lacking ? NO_ROOM : EMPTY;
  }

  /** The lane's first ticket that wants to start, dropping the others; null when it is empty or held. */
  private static Ticket admitted(HostLane hl, HostBoard board, HostBoard.Host self) {
    for (Ticket t = hl.queue.peekFirst(); t != null; t = hl.queue.peekFirst()) {
      Ticket.Admission a = t.cancelled ? Ticket.Admission.DROP : t.admit();
      if (a == Ticket.Admission.START) {
        return t;
      }
      if (a == Ticket.Admission.HOLD) {
        return null;
      }
      hl.queue.pollFirst();
      board.dropped(self);
    }
    return null;
  }

  /** One lane's fresh tickets at this host, in order. */
  static final class HostLane {
    final Lane lane;
    final ArrayDeque<Ticket> queue = new ArrayDeque<>();

    HostLane(Lane lane) {
      this.lane = lane;
    }
  }
}
