package dev.scraper.engine;

import dev.scraper.cluster.ClusterNode;
import dev.scraper.config.FetchPolicy;
import dev.scraper.config.LentJob;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The owner's side of work sharing in a cluster: which node fetches a host's URLs. A host is leased to one node at a
 * time (this one included): the lease goes to the member with the fewest of this node's URLs in flight when the host
 * has none, and stays while the host has URLs in flight and for {@link #LEASE_TTL_MS} after; a lease that fails (its
 * node left, stopped, or did not answer in time) is dropped and the host leased anew under a new epoch, and an answer
 * under an old epoch is discarded. The runs' host boards keep deciding when a host's next URL starts, so a host's
 * politeness holds whichever node fetches. Without a cluster (or alone in it) every lease is this node's. Event-loop
 * owned.
 */
final class Sharing {
  /** How long a host stays with its node after its last URL there, in ms. */
  static final long LEASE_TTL_MS = 10_000;
  private static final int SWEEP_EVERY = 4096; // leases taken between two sweeps of the expired ones
  /** Leases a URL tries on other nodes before this node fetches it itself. */
  static final int PLACES = 3;
  /** Added to a URL's own budget for the wait for another node's answer, in ms. */
  private static final long ANSWER_SLACK_MS = 30_000;

  private final Vertx vertx;
  /** This node, or null when the process is not clustered. */
  private final ClusterNode node;
  private final Map<String, Lease> leases = new HashMap<>();
  private final Map<String, Integer> load = new HashMap<>();
  /** Host to the URLs of this node's runs another node fetches now (each holds a start slot in this host board). */
  private final Map<String, Integer> sent = new HashMap<>();
  /** URLs of this node's runs fetched here so far. */
  private long fetchedHere;
  private final Map<String, Set<Promise<JsonObject>>> pending = new HashMap<>();
  /** Node id to its name, as its answers give it (for the line that says it left). */
  private final Map<String, String> names = new HashMap<>();
  /** Node to the runs whose lent job it has. */
  private final Map<String, Set<String>> knows = new HashMap<>();
  private long epochs;
  private long takes;
  /** Run id to its job's lent view (made once per run; dropped when the run ends). */
  private final Map<String, JsonObject> lent = new HashMap<>();
  private final Map<String, Map<String, io.vertx.core.json.JsonArray>> resumes = new HashMap<>();

  /** One host with one node, for one epoch. */
  static final class Lease {
    final String host;
    final String node;
    final long epoch;
    final boolean local;
    private int inFlight;
    private long until;

    Lease(String host, String node, long epoch, boolean local) {
      this.host = host;
      this.node = node;
      this.epoch = epoch;
      this.local = local;
    }
  }

  Sharing(Vertx vertx, ClusterNode node) {
    this.vertx = vertx;
    this.node = node != null && node.clustered() ? node : null;
  }

  /** The members now (this node alone outside a cluster). */
  private List<String> members() {
    return node == null ? List.of("local") : node.members();
  }

  private String self() {
    return node == null ? "local" : node.id();
  }

  /** {@code p} for a run of this node: its concurrency is per node, so the run may have that much per member. */
  FetchPolicy scaled(FetchPolicy p) {
    int n = node == null ? 1 : Math.max(1, members().size());
    return n == 1 ? p : p.withConcurrency(p.concurrency() * n);
  }

  /** A lease on {@code host} for one URL (ended with {@link #end}); with {@code here}, this node's own. */
  Lease take(String host, boolean here) {
    long now = System.nanoTime() / 1_000_000;
    if (++takes % SWEEP_EVERY == 0) { // expired leases go: else one entry stays for every host ever leased
      leases.values().removeIf(x -> x.inFlight == 0 && now >= x.until);
    }
    Lease l = leases.get(host);
    if (node == null || here) {
      l = l != null && l.local ? l : new Lease(host, self(), ++epochs, true);
    } else if (l == null || (l.inFlight == 0 && now >= l.until) || !members().contains(l.node)) {
      String to = leastLoaded();
      l = new Lease(host, to, ++epochs, to.equals(self()));
      leases.put(host, l);
    }
    l.inFlight++;
    load.merge(l.node, 1, Integer::sum);
    if (!l.local) {
      sent.merge(host, 1, Integer::sum);
    }
    return l;
  }

  /**
   * One URL under {@code l} (or none: null) is over; gives {@code l}. A URL fetched here counts in {@code stats} (if
   * given) under this node's name, in a cluster.
   */
  Lease end(Lease l, dev.scraper.metrics.RunStats stats) {
    if (l == null) {
      return null;
    }
    if (stats != null && l.local) {
      fetchedHere++;
      if (node != null) {
        stats.fetchedBy(node.name());
      }
    }
    if (!l.local) {
      sent.computeIfPresent(l.host, (k, n) -> n <= 1 ? null : n - 1);
    }
    l.inFlight--;
    l.until = System.nanoTime() / 1_000_000 + LEASE_TTL_MS;
    load.computeIfPresent(l.node, (k, n) -> n <= 1 ? null : n - 1);
    return l;
  }

  /** {@code l} failed: its host is leased anew (a new epoch) on its next URL. */
  void lost(Lease l) {
    leases.remove(l.host, l);
  }

  private String leastLoaded() {
    String best = self();
    int least = load.getOrDefault(best, 0);
    for (String m : members()) {
      int n = load.getOrDefault(m, 0);
      if (n < least) {
        best = m;
        least = n;
      }
    }
    return best;
  }

  /**
   * Sends a URL of {@code run} to the node of {@code l} ({@code q}: the URL, see {@link Borrowed}); completes with
   * its answer, or fails when the node left, stopped, failed or did not answer within the URL's budget.
   */
  Future<JsonObject> send(Lease l, Run run, JsonObject q) {
    Promise<JsonObject> answer = Promise.promise();
    pending.computeIfAbsent(l.node, k -> new HashSet<>()).add(answer);
    FetchPolicy p = run.job().fetch();
    long timeout = p.timeoutMs() * (p.retries() + 1L) + ANSWER_SLACK_MS;
    q.put("run", run.id()).put("epoch", l.epoch).put("from", self());
    request(l, run, q, timeout, answer, false);
    return answer.future().onComplete(ar -> {
      Set<Promise<JsonObject>> waiting = pending.get(l.node);
      if (waiting != null) {
        waiting.remove(answer);
      }
    });
  }

  private void request(Lease l, Run run, JsonObject q, long timeout, Promise<JsonObject> answer, boolean withJob) {
    if (run.done().isComplete()) {
      answer.tryFail("the run has ended"); // a late NEED_JOB: its lent view would stay for good
      return;
    }
    if (withJob || !knows.getOrDefault(l.node, Set.of()).contains(run.id())) {
      q.put("lent", lent.computeIfAbsent(run.id(), id -> {
        run.done().onComplete(x -> ended(id));
        return LentJob.of(run.job().source());
      }));
    }
    vertx.eventBus().<JsonObject>request(Lending.address(l.node), q, new DeliveryOptions().setSendTimeout(timeout))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            if (!run.done().isComplete()) { // a late answer: the run's entries were dropped when it ended
              knows.computeIfAbsent(l.node, k -> new HashSet<>()).add(run.id());
            }
            JsonObject a = ar.result().body();
            names.put(l.node, a.getString("node", l.node));
            if (a.getLong("epoch", -1L) == l.epoch) {
              answer.tryComplete(a);
            } else {
              answer.tryFail("an answer for an old lease of " + l.host);
            }
          } else if (!withJob && ar.cause() instanceof ReplyException r && r.failureCode() == Lending.NEED_JOB) {
            request(l, run, q, timeout, answer, true);
          } else {
            answer.tryFail(ar.cause());
          }
        });
  }

  /** The member {@code id} left: its leases end and what it was fetching fails at once (and goes elsewhere). */
  void left(String id) {
    leases.values().removeIf(l -> l.node.equals(id));
    knows.remove(id);
    String name = names.remove(id);
    Set<Promise<JsonObject>> waiting = pending.remove(id);
    if (waiting != null && !waiting.isEmpty()) {
      System.err.println("scraper: node " + (name == null ? id : name) + " left the cluster; the " + waiting.size()
          + " URLs it was fetching for this node go to the others");
      for (Promise<JsonObject> p : List.copyOf(waiting)) {
        p.tryFail("the node fetching it left the cluster");
      }
    }
  }

  /** The checkpoint of {@code run} in the cluster ({@link Checkpoint#NONE} outside one); the run only, with dataDir. */
  Checkpoint checkpoint(Run run, dev.scraper.state.JobState state) {
    return node == null || run.job().source() == null ? Checkpoint.NONE
        : new Checkpoint(vertx, node, run, dev.scraper.config.Defaults.CHECKPOINT_URLS, state != null);
  }

  /** The run {@code id} resumes from these checkpoint entries ({@link Takeover}); taken by its next start. */
  void resume(String id, Map<String, io.vertx.core.json.JsonArray> entries) {
    resumes.put(id, entries);
  }

  /** The checkpoint entries the run {@code id} resumes from, or null when it starts afresh; given once. */
  Map<String, io.vertx.core.json.JsonArray> resumed(String id) {
    return resumes.remove(id);
  }

  /** The run {@code id} ended: what was kept for it goes. */
  void ended(String id) {
    lent.remove(id);
    knows.values().forEach(runs -> runs.remove(id));
  }

  /** Host to the URLs of this node's runs that other nodes fetch now (a view). */
  Map<String, Integer> sent() { return java.util.Collections.unmodifiableMap(sent); }

  /** URLs of this node's runs this node fetched so far (each counted when its fetch ended). */
  long fetchedHere() { return fetchedHere; }
}
