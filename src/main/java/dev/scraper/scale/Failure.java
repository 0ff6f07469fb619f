package dev.scraper.scale;

import dev.scraper.scale.Event.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's failure and its handover, as the owner handles it: the node is killed (its sockets close; its results
 * never come) or frozen (its results come after it thaws). The owner revokes the node's hosts when the cluster
 * notices the member gone (detection) or when their leases expire (TTL, renewed every third of it), whichever
 * comes first: each host's epoch is bumped, its URLs handed out and not recorded go back to the frontier, and it is
 * offered before every other waiting host, with a first start at least delayMs after the revocation (the owner does
 * not know when the failed node last started it).
 */
final class Failure {
  private final Simulator s;
  long failedAt = -1;
  long revokedAt = -1;
  /** Hosts of the failed node with URLs waiting when revoked, and how many of them were leased again. */
  int handedOver;
  int handedOverLeased;
  /** From the failure to the last of them leased again. */
  long maxHandoverUs = -1;
  /** URLs the failed node had in flight, handed out again. */
  long refetched;

  Failure(Simulator s) {
    this.s = s;
  }

  void fail(Node n) {
    ScaleOptions o = s.o;
    long now = s.now;
    failedAt = now;
    for (Node each : s.nodes) {
      each.pagesAtFailure = each.pagesInWindow;
    }
    n.downFrom = now;
    n.downUntil = o.freezeMs() == 0 ? Long.MAX_VALUE : now + o.freezeMs() * 1000;
    long renewal = o.leaseTtlMs() * 1000 / 3;
    long expiry = now - now % renewal + o.leaseTtlMs() * 1000;
    long revoke = Math.min(now + o.detectionMs() * 1000, expiry);
    if (o.freezeMs() == 0) {
      n.dead = true;
      for (int h = 0; h < s.hosts.count; h++) {
        if (s.hosts.lease[h] == n.id) {
          s.hosts.closeAt(h, now);
        }
      }
    } else {
      n.frozenUntil = n.downUntil;
      s.at(n.frozenUntil, Kind.THAW, n.id, -1, 0, 0);
    }
    if (n.dead || n.frozenUntil > revoke) {
      s.at(revoke, Kind.REVOKE, n.id, -1, 0, 0);
    }
  }

  void revoke(Node n) {
    Hosts hosts = s.hosts;
    revokedAt = s.now;
    n.removed = true;
    n.ready.clear();
    n.held = 0;
    List<Event> lost = new ArrayList<>(n.unanswered);
    for (Event e : s.events()) {
      if ((e.kind() == Kind.RESPONSE || e.kind() == Kind.DONE) && s.current(e) && e.node() == n.id) {
        lost.add(e);
      }
    }
    lost.sort(null);
    for (Event e : lost) {
      hosts.giveBack(e.host(), e.seq());
      refetched++;
    }
    for (int h = hosts.count - 1; h >= 0; h--) {
      if (hosts.lease[h] == n.id) {
        hosts.lease[h] = -1;
        hosts.epoch[h]++;
        hosts.inFlight[h] = 0;
        hosts.queued[h] = false;
        hosts.notBefore[h] = s.now + s.delayUs;
        if (hosts.pending(h) > 0) {
          handedOver++;
          hosts.handedOverAt[h] = s.now;
          s.handOver(h);
        }
      }
    }
  }

  /** Notes a lease granted; one of a host taken from the failed node ends its handover. */
  void leased(int h) {
    if (s.hosts.handedOverAt[h] >= 0) {
      handedOverLeased++;
      maxHandoverUs = Math.max(maxHandoverUs, s.now - failedAt);
      s.hosts.handedOverAt[h] = -1;
    }
  }
}
