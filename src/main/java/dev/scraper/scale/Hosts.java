package dev.scraper.scale;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Every host as the owner sees it: its frontier (URLs due, handed out, recorded), its lease (node and epoch) and
 * what politeness needs (last start, the ends of its last requests at the server). A URL is {@code (host, seq)}:
 * the host's URLs fall due one after the other, evenly spaced over the day from a random phase. Times are virtual
 * microseconds. Arrays rather than objects: a million hosts fit in a modest heap.
 */
final class Hosts {
  static final long US = 1_000_000;
  final int count;
  /** URLs due per virtual second, and the phase of the first one in [0, 1). */
  private final double[] rate;
  private final double[] phase;
  /** URLs of the host due within the window, and the global id of its first. */
  final int[] due;
  private final long[] base;
  final long total;
  /** URLs that fell due so far, and the next never handed out. */
  final int[] arrived;
  private final int[] next;
  /** URLs handed out to a node that the owner must hand out again (their node failed). */
  private final Map<Integer, ArrayDeque<Integer>> again = new HashMap<>();
  final int[] inFlight;
  final long[] lastStart;
  /** Node holding the lease, -1 for none; the lease's epoch. */
  final int[] lease;
  final int[] epoch;
  /** The node that held the host's last lease, -1 for none. */
  final int[] lastNode;
  /** No start before this time (after a handover). */
  final long[] notBefore;
  /** In its node's ready line or with a wake-up scheduled. */
  final boolean[] queued;
  /** Waiting in the owner's pool for a node. */
  final boolean[] pooled;
  /** When the host was taken from a failed node, -1 when it was not. */
  final long[] handedOverAt;
  /** The ends (at the server) of the host's last {@code slots} requests: the concurrency a new start makes. */
  private final long[] ends;
  private final int slots;
  /** URLs with a record: the owner writes one per URL. */
  private final BitSet recorded = new BitSet();
  long records;
  long duplicates;

  Hosts(HostLoad load, double peak, long windowS, int perHost, SplittableRandom random) {
    count = load.perDay.length;
    rate = new double[count];
    phase = new double[count];
    due = new int[count];
    base = new long[count];
    long sum = 0;
    for (int h = 0; h < count; h++) {
      rate[h] = load.perDay[h] * peak / 86_400;
      phase[h] = random.nextDouble();
      due[h] = (int) Math.max(0, Math.ceil(rate[h] * windowS - phase[h]));
      base[h] = sum;
      sum += due[h];
    }
    total = sum;
    arrived = new int[count];
    next = new int[count];
    inFlight = new int[count];
    lastStart = new long[count];
    java.util.Arrays.fill(lastStart, Long.MIN_VALUE / 2);
    lease = new int[count];
    java.util.Arrays.fill(lease, -1);
    epoch = new int[count];
    lastNode = new int[count];
    java.util.Arrays.fill(lastNode, -1);
    notBefore = new long[count];
    queued = new boolean[count];
    pooled = new boolean[count];
    handedOverAt = new long[count];
    java.util.Arrays.fill(handedOverAt, -1);
    slots = perHost + 1;
    ends = new long[count * slots];
  }

  /** When the host's URL number {@code seq} falls due, or -1 when it is past the window. */
  long dueAt(int h, int seq) {
    return seq < due[h] ? (long) ((seq + phase[h]) / rate[h] * US) : -1;
  }

  /** URLs of the host due and not handed out. */
  int pending(int h) {
    ArrayDeque<Integer> back = again.get(h);
    return arrived[h] - next[h] + (back == null ? 0 : back.size());
  }

  /** Hands out the host's next URL: one handed back first, else the next due. */
  int take(int h) {
    ArrayDeque<Integer> back = again.get(h);
    if (back != null) {
      int seq = back.poll();
      if (back.isEmpty()) {
        again.remove(h);
      }
      return seq;
    }
    return next[h]++;
  }

  /** Gives a URL of a failed node back to the frontier, to be handed out first. */
  void giveBack(int h, int seq) {
    again.computeIfAbsent(h, k -> new ArrayDeque<>()).add(seq);
  }

  /** Writes the URL's record; false (and a duplicate counted) when it had one already. */
  boolean record(int h, int seq) {
    int id = Math.toIntExact(base[h] + seq);
    if (recorded.get(id)) {
      duplicates++;
      return false;
    }
    recorded.set(id);
    records++;
    return true;
  }

  /** Notes a request to the host at the server from {@code start} to {@code end}; returns how many then overlap. */
  int open(int h, long start, long end) {
    int at = h * slots;
    int overlapping = 1;
    int oldest = at;
    for (int i = at; i < at + slots; i++) {
      if (ends[i] > start) {
        overlapping++;
      }
      if (ends[i] < ends[oldest]) {
        oldest = i;
      }
    }
    ends[oldest] = end;
    return overlapping;
  }

  /** Cuts the host's requests at the server short at {@code t} (a killed node's sockets close). */
  void closeAt(int h, long t) {
    for (int i = h * slots; i < (h + 1) * slots; i++) {
      ends[i] = Math.min(ends[i], t);
    }
  }
}
