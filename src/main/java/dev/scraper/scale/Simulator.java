package dev.scraper.scale;

import dev.scraper.scale.Event.Kind;
import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The cluster's run as discrete events in virtual time: URLs fall due at their hosts; the owner (node 0) keeps the
 * frontier and leases each host with URLs waiting to a serving node with free capacity ({@link Placement}),
 * bumping the host's epoch; a node starts a host's
 * fetch when the host has fewer than {@code perHost} in flight and its last start is {@code delayMs} ago; a node
 * keeps a drained host while its next URL is due within {@code lingerMs}, else gives it back. One node fails:
 * killed (its results never come, its sockets close) or frozen (its results come late). When the cluster notices
 * (detection) or its leases expire (TTL, renewed every third of it), whichever is first, the owner revokes its
 * hosts (epoch bump), gives its URLs in flight back to the frontier and offers the hosts first to the others.
 * Results under an old epoch are discarded. Not thread-safe; one run per instance.
 */
final class Simulator {
  final ScaleOptions o;
  final HostLoad load;
  final Hosts hosts;
  final Node[] nodes;
  final long windowUs;
  private final PriorityQueue<Event> queue = new PriorityQueue<>();
  /** Hosts with URLs waiting and no lease, in the order the owner offers them. */
  private final ArrayDeque<Integer> pool = new ArrayDeque<>();
  private final SplittableRandom random;
  final long delayUs;
  private long order;
  long now;
  long arrivals;
  long maxOutstanding;
  long leases;
  int maxConcurrent;
  long spacingViolations;
  final Failure failure;

  Simulator(ScaleOptions o) {
    this.o = o;
    random = new SplittableRandom(o.seed());
    load = HostLoad.zipf(o.hosts(), o.urlsPerDay(), o.zipf(), o.hostCap());
    hosts = new Hosts(load, o.peak(), o.windowS(), o.perHost(), random.split());
    nodes = new Node[o.nodes()];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = new Node(i, o.cores());
    }
    windowUs = o.windowS() * Hosts.US;
    delayUs = o.delayMs() * 1000;
    failure = new Failure(this);
  }

  /** Runs the window, then lets the URLs still queued finish (up to {@code drainS}); returns this. */
  Simulator run() {
    for (int h = 0; h < hosts.count; h++) {
      if (hosts.due[h] > 0) {
        at(hosts.dueAt(h, 0), Kind.ARRIVE, -1, h, 0, 0);
      }
    }
    if (o.failing()) {
      at((long) (o.failAt() * windowUs), Kind.FAIL, o.failNode(), -1, 0, 0);
    }
    long deadline = windowUs + o.drainS() * Hosts.US;
    while (!queue.isEmpty() && queue.peek().time() <= deadline) {
      Event e = queue.poll();
      now = e.time();
      handle(e);
      dispatch();
    }
    return this;
  }

  private void handle(Event e) {
    Node n = e.node() >= 0 ? nodes[e.node()] : null;
    if (n != null && (e.kind() == Kind.READY || e.kind() == Kind.RESPONSE || e.kind() == Kind.DONE)) {
      if (n.dead) {
        if (e.kind() != Kind.READY && current(e)) {
          n.unanswered.add(e);
        }
        return;
      }
      if (n.frozenUntil > now) {
        at(n.frozenUntil, e.kind(), e.node(), e.host(), e.epoch(), e.seq());
        return;
      }
    }
    switch (e.kind()) {
      case ARRIVE -> arrive(e.host(), e.seq());
      case READY -> {
        if (current(e)) {
          hosts.queued[e.host()] = false;
          wake(e.host());
        }
      }
      case RESPONSE -> at(n.process(now, o.cpuUsPerPage()), Kind.DONE, n.id, e.host(), e.epoch(), e.seq());
      case DONE -> done(n, e);
      case FAIL -> failure.fail(n);
      case REVOKE -> failure.revoke(n);
      case THAW -> n.removed = false;
    }
  }

  /** Whether the event is of the host's lease as it is now (its node and epoch). */
  boolean current(Event e) {
    return hosts.lease[e.host()] == e.node() && hosts.epoch[e.host()] == e.epoch();
  }

  private void arrive(int h, int seq) {
    hosts.arrived[h]++;
    arrivals++;
    maxOutstanding = Math.max(maxOutstanding, arrivals - hosts.records);
    long next = hosts.dueAt(h, seq + 1);
    if (next >= 0) {
      at(next, Kind.ARRIVE, -1, h, 0, seq + 1);
    }
    if (hosts.lease[h] >= 0) {
      wake(h);
    } else if (!hosts.pooled[h]) {
      hosts.pooled[h] = true;
      pool.addLast(h);
    }
  }

  /** Puts a leased host with URLs waiting in its node's ready line, or schedules when it may start. */
  private void wake(int h) {
    if (hosts.queued[h] || hosts.lease[h] < 0 || hosts.pending(h) == 0 || hosts.inFlight[h] >= o.perHost()) {
      return;
    }
    hosts.queued[h] = true;
    long t = Math.max(hosts.lastStart[h] + delayUs, hosts.notBefore[h]);
    if (t <= now) {
      nodes[hosts.lease[h]].ready.add(h);
    } else {
      at(t, Kind.READY, hosts.lease[h], h, hosts.epoch[h], 0);
    }
  }

  /** Starts fetches on each serving node, then leases hosts of the pool to the nodes with free capacity. */
  private void dispatch() {
    for (Node n : nodes) {
      start(n);
    }
    while (!pool.isEmpty()) {
      Node best = Placement.leastLoaded(nodes, o.concurrency(), now);
      if (best == null) {
        return;
      }
      int h = pool.poll();
      hosts.pooled[h] = false;
      if (hosts.lease[h] < 0 && hosts.pending(h) > 0) {
        Node last = hosts.lastNode[h] >= 0 ? nodes[hosts.lastNode[h]] : null;
        Node to = o.affinity() ? Placement.previousOr(last, best, o.concurrency(), now) : best;
        grant(h, to);
        start(to);
      }
    }
  }

  private void grant(int h, Node n) {
    if (hosts.lastNode[h] == n.id) {
      n.repeatLeases++;
    }
    hosts.lastNode[h] = n.id;
    hosts.lease[h] = n.id;
    hosts.epoch[h]++;
    n.leased(h);
    leases++;
    failure.leased(h);
    wake(h);
  }

  private void start(Node n) {
    while (n.serving(now) && n.inFlight < o.concurrency() && !n.ready.isEmpty()) {
      int h = n.ready.poll();
      hosts.queued[h] = false;
      if (hosts.lease[h] != n.id) {
        continue;
      }
      if (hosts.inFlight[h] >= o.perHost() || hosts.lastStart[h] + delayUs > now || hosts.notBefore[h] > now) {
        wake(h);
        continue;
      }
      if (hosts.pending(h) > 0) {
        fetch(n, h);
      }
    }
  }

  private void fetch(Node n, int h) {
    int seq = hosts.take(h);
    double ms = o.latencyMs() * Math.exp(o.latencySigma() * random.nextGaussian());
    long response = now + (long) (Math.min(ms, o.timeoutMs()) * 1000);
    if (now - hosts.lastStart[h] < delayUs) {
      spacingViolations++;
    }
    hosts.lastStart[h] = now;
    hosts.inFlight[h]++;
    n.inFlight++;
    maxConcurrent = Math.max(maxConcurrent, hosts.open(h, now, response));
    at(response, Kind.RESPONSE, n.id, h, hosts.epoch[h], seq);
    wake(h);
  }

  private void done(Node n, Event e) {
    int h = e.host();
    n.inFlight--;
    if (!current(e)) {
      n.discarded++;
      return;
    }
    hosts.inFlight[h]--;
    if (hosts.record(h, e.seq()) && now <= windowUs) {
      n.pagesInWindow++;
    }
    if (hosts.pending(h) > 0) {
      wake(h);
    } else if (hosts.inFlight[h] == 0) {
      long next = hosts.dueAt(h, hosts.arrived[h]);
      if (next < 0 || next - now > o.lingerMs() * 1000) {
        hosts.lease[h] = -1;
        n.held--;
      }
    }
  }

  /** Offers a host taken from a failed node before every other waiting host. */
  void handOver(int h) {
    hosts.pooled[h] = true;
    pool.addFirst(h);
  }

  /** The events still to come, in no order. */
  Iterable<Event> events() {
    return queue;
  }

  void at(long time, Kind kind, int node, int host, int epoch, int seq) {
    queue.add(new Event(time, order++, kind, node, host, epoch, seq));
  }
}
