package dev.scraper.scale;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** One node of the simulated cluster: its fetch slots, its cores, the hosts it leases and what it did. */
final class Node {
  final int id;
  /** Hosts leased here whose politeness allows a start now, waiting for a free slot. */
  final ArrayDeque<Integer> ready = new ArrayDeque<>();
  /** When each core is next free (virtual microseconds). */
  private final long[] coreFree;
  boolean dead;
  /** Frozen (no events handled) until this time; its events wait for it. */
  long frozenUntil = -1;
  /** Taken out of the cluster (its leases revoked); a frozen node rejoins empty when it thaws. */
  boolean removed;
  int inFlight;
  int held;
  int maxHeld;
  long leases;
  /** Leases of a host whose previous lease was here too (its robots.txt rules, DNS and TLS session at hand). */
  long repeatLeases;
  final BitSet hosts = new BitSet();
  /** Records written for this node's fetches within the window. */
  long pagesInWindow;
  /** Records of this node's fetches when a node failed. */
  long pagesAtFailure;
  long cpuBusyUs;
  /** Results that came back under an epoch no longer current, discarded by the owner. */
  long discarded;
  /**
   * URLs handed to this dead node that never got a result: what the owner knows it handed out and did not record,
   * given back to the frontier when the node's hosts are revoked.
   */
  final List<Event> unanswered = new ArrayList<>();
  /** When the node failed (-1: never) and when it served again (Long.MAX_VALUE: never, it was killed). */
  long downFrom = -1;
  long downUntil = -1;

  Node(int id, int cores) {
    this.id = id;
    this.coreFree = new long[cores];
  }

  /** Whether the node takes part now: alive, not frozen, in the cluster. */
  boolean serving(long now) {
    return !dead && !removed && frozenUntil <= now;
  }

  /** Runs a page's CPU work once its response is in at {@code arrival}; returns when it is done. */
  long process(long arrival, long cpuUs) {
    int core = 0;
    for (int i = 1; i < coreFree.length; i++) {
      if (coreFree[i] < coreFree[core]) {
        core = i;
      }
    }
    long done = Math.max(arrival, coreFree[core]) + cpuUs;
    coreFree[core] = done;
    cpuBusyUs += cpuUs;
    return done;
  }

  /** Virtual seconds the node served between 0 and {@code end}. */
  double servedSeconds(long end) {
    long down = downFrom < 0 ? 0 : Math.max(0, Math.min(downUntil, end) - Math.min(downFrom, end));
    return (end - down) / 1e6;
  }

  void leased(int host) {
    leases++;
    held++;
    maxHeld = Math.max(maxHeld, held);
    hosts.set(host);
  }
}
