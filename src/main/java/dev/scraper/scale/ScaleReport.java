package dev.scraper.scale;

import io.vertx.core.json.JsonObject;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one simulated run, as a text report or JSON. Per node: leases, hosts, pages and pages per second
 * within the window (a failed node over its life), CPU; the balance (max/min pages per second); politeness (the most
 * requests any host had at once at the server, starts closer than delayMs); the failure (handover time, URLs
 * fetched again, results discarded by epoch, URLs lost, duplicate records); the owner's frontier at its largest.
 */
public final class ScaleReport {
  /** Heap bytes per URL of a frontier held in memory (README, the big crawl without dataDir). */
  static final long HEAP_BYTES_PER_URL = 900;
  /** Disk bytes per URL seen of a frontier under dataDir (README, the big crawl). */
  static final long DISK_BYTES_PER_URL = 70;
  private final Simulator s;
  private final ScaleOptions o;
  final double[] pagesPerSecond;
  /** Max/min pages per second over all nodes before the failure (over the window when none fails). */
  final double balance;
  /** Max/min pages per second over the window of the nodes that never failed. */
  final double survivorBalance;
  final long lost;
  final double wallSeconds;

  ScaleReport(Simulator s, double wallSeconds) {
    this.s = s;
    this.o = s.o;
    this.wallSeconds = wallSeconds;
    pagesPerSecond = new double[s.nodes.length];
    double[] before = new double[s.nodes.length];
    double[] survivors = new double[s.nodes.length];
    int survivorCount = 0;
    for (Node n : s.nodes) {
      double active = n.servedSeconds(s.windowUs);
      pagesPerSecond[n.id] = active > 0 ? n.pagesInWindow / active : 0;
      before[n.id] = s.failure.failedAt > 0 ? n.pagesAtFailure / (s.failure.failedAt / 1e6) : pagesPerSecond[n.id];
      if (n.downFrom < 0) {
        survivors[survivorCount++] = pagesPerSecond[n.id];
      }
    }
    balance = ratio(before, before.length);
    survivorBalance = ratio(survivors, survivorCount);
    lost = s.arrivals - s.hosts.records;
  }

  /** Max over min of the first {@code count} rates. */
  private static double ratio(double[] rates, int count) {
    double min = Double.MAX_VALUE;
    double max = 0;
    for (int i = 0; i < count; i++) {
      min = Math.min(min, rates[i]);
      max = Math.max(max, rates[i]);
    }
    return min > 0 ? max / min : Double.POSITIVE_INFINITY;
  }

  /** Runs the simulation these options describe and reports it. */
  public static ScaleReport run(ScaleOptions o) {
    long t0 = System.nanoTime();
    Simulator s = new Simulator(o).run();
    return new ScaleReport(s, (System.nanoTime() - t0) / 1e9);
  }

  /** The figures as one JSON object. */
  public Map<String, Object> figures() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("options", options());
    f.put("offeredPagesPerSecond", o.urlsPerDay() * o.peak() / 86_400);
    f.put("hostCap", Math.round(s.load.cap));
    f.put("hostsAtCap", s.load.capped);
    f.put("biggestHostUncapped", Math.round(s.load.uncappedTop));
    f.put("urlsDue", s.arrivals);
    f.put("records", s.hosts.records);
    f.put("duplicates", s.hosts.duplicates);
    f.put("lost", lost);
    f.put("endSeconds", s.now / 1e6);
    List<Map<String, Object>> nodes = new ArrayList<>();
    for (Node n : s.nodes) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("node", n.id);
      m.put("leases", n.leases);
      m.put("hosts", n.hosts.cardinality());
      m.put("repeatLeases", n.repeatLeases);
      m.put("maxHostsHeld", n.maxHeld);
      m.put("pagesInWindow", n.pagesInWindow);
      m.put("pagesPerSecond", round(pagesPerSecond[n.id]));
      m.put("cpu", round(n.cpuBusyUs / 1e6 / o.cores() / n.servedSeconds(s.now)));
      m.put("discardedByEpoch", n.discarded);
      m.put("failed", n.downFrom >= 0);
      nodes.add(m);
    }
    f.put("nodes", nodes);
    f.put("balance", round(balance));
    f.put("survivorBalance", round(survivorBalance));
    f.put("maxConcurrentPerHost", s.maxConcurrent);
    f.put("spacingViolations", s.spacingViolations);
    f.put("leasesPerSecond", round(s.leases / (s.now / 1e6)));
    f.put("ownerFrontierMaxUrls", s.maxOutstanding);
    if (s.failure.failedAt >= 0) {
      Map<String, Object> fail = new LinkedHashMap<>();
      fail.put("node", o.failNode());
      fail.put("mode", o.freezeMs() == 0 ? "kill" : "freeze");
      fail.put("atSeconds", s.failure.failedAt / 1e6);
      fail.put("revokedAfterSeconds", s.failure.revokedAt < 0 ? null : (s.failure.revokedAt - s.failure.failedAt) / 1e6);
      fail.put("hostsHandedOver", s.failure.handedOver);
      fail.put("hostsLeasedAgain", s.failure.handedOverLeased);
      fail.put("allLeasedAgainAfterSeconds", s.failure.maxHandoverUs < 0 ? null : s.failure.maxHandoverUs / 1e6);
      fail.put("boundSeconds", handoverBoundSeconds());
      fail.put("urlsFetchedAgain", s.failure.refetched);
      fail.put("resultsDiscardedByEpoch", discarded());
      f.put("failure", fail);
    }
    f.put("wallSeconds", round(wallSeconds));
    return f;
  }

  private Map<String, Object> options() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (RecordComponent c : ScaleOptions.class.getRecordComponents()) {
      try {
        m.put(c.getName(), c.getAccessor().invoke(o));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return m;
  }

  /** The figures as indented JSON. */
  public String json() {
    return new JsonObject(figures()).encodePrettily();
  }

  /** Detection plus the lease TTL: no failed node's host waits longer than this to be revoked. */
  double handoverBoundSeconds() {
    return (o.detectionMs() + o.leaseTtlMs()) / 1000.0;
  }

  long discarded() {
    long d = 0;
    for (Node n : s.nodes) {
      d += n.discarded;
    }
    return d;
  }

  Simulator simulator() {
    return s;
  }

  /** The report for a person. */
  public String text() {
    StringBuilder b = new StringBuilder();
    line(b, "workload   %,d URLs/day over %,d hosts, Zipf s=%.2f capped at %,d URLs/host/day (%,d hosts at the cap;"
        + " uncapped, the biggest would have %,d)", o.urlsPerDay(), o.hosts(), o.zipf(), Math.round(s.load.cap),
        s.load.capped, Math.round(s.load.uncappedTop));
    line(b, "window     %,d s at peak x%.1f = %,.0f pages/s offered; %,d URLs due", o.windowS(), o.peak(),
        o.urlsPerDay() * o.peak() / 86_400, s.arrivals);
    line(b, "cluster    %d nodes x %d cores, %d us CPU/page (%,.0f pages/s/node at 100%% CPU), concurrency %d,"
        + " perHost %d, delayMs %d, latency median %d ms", o.nodes(), o.cores(), o.cpuUsPerPage(),
        o.cores() * 1e6 / o.cpuUsPerPage(), o.concurrency(), o.perHost(), o.delayMs(), o.latencyMs());
    line(b, "");
    line(b, "node  leases  repeat    hosts  max held  pages(window)  pages/s   cpu  discarded");
    List<?> nodes = (List<?>) figures().get("nodes");
    for (Object x : nodes) {
      Map<?, ?> m = (Map<?, ?>) x;
      line(b, "%4d %7d %6.0f%% %8d %9d %14d %8.1f %4.0f%% %10d%s", m.get("node"), m.get("leases"),
          100.0 * (Long) m.get("repeatLeases") / Math.max(1, (Long) m.get("leases")), m.get("hosts"),
          m.get("maxHostsHeld"), m.get("pagesInWindow"), m.get("pagesPerSecond"),
          100 * (Double) m.get("cpu"), m.get("discardedByEpoch"), (Boolean) m.get("failed") ? "  (failed)" : "");
    }
    line(b, "");
    line(b, "balance    max/min pages/s %.3f over all %d nodes%s, %.3f over the %d that never failed (whole window)",
        balance, o.nodes(), s.failure.failedAt > 0 ? " before the failure" : "", survivorBalance,
        o.nodes() - (s.failure.failedAt > 0 ? 1 : 0));
    line(b, "polite     most requests at once to one host: %d (perHost %d); starts closer than delayMs: %d",
        s.maxConcurrent, o.perHost(), s.spacingViolations);
    if (s.failure.failedAt >= 0) {
      line(b, "failure    node %d %s at %.1f s; revoked %.1f s later (detection %.1f s, lease TTL %.1f s)",
          o.failNode(), o.freezeMs() == 0 ? "killed" : "frozen for " + o.freezeMs() / 1000.0 + " s",
          s.failure.failedAt / 1e6, s.failure.revokedAt < 0 ? Double.NaN : (s.failure.revokedAt - s.failure.failedAt) / 1e6,
          o.detectionMs() / 1000.0, o.leaseTtlMs() / 1000.0);
      line(b, "handover   %,d hosts with URLs waiting, %,d leased again, the last %.2f s after the failure (bound:"
          + " detection + TTL = %.1f s)", s.failure.handedOver, s.failure.handedOverLeased, s.failure.maxHandoverUs / 1e6,
          handoverBoundSeconds());
      line(b, "           %,d URLs in flight there fetched again; %,d late results discarded by epoch",
          s.failure.refetched, discarded());
    }
    line(b, "records    %,d of %,d URLs due: %,d lost, %,d duplicate records; done at %.1f s",
        s.hosts.records, s.arrivals, lost, s.hosts.duplicates, s.now / 1e6);
    line(b, "owner      frontier at most %,d URLs (%,.1f MB in heap at %d B/URL, %,.1f MB on disk at %d B/URL);"
        + " %,.1f leases/s", s.maxOutstanding, s.maxOutstanding * HEAP_BYTES_PER_URL / 1e6, HEAP_BYTES_PER_URL,
        s.maxOutstanding * DISK_BYTES_PER_URL / 1e6, DISK_BYTES_PER_URL, s.leases / (s.now / 1e6));
    line(b, "simulated  in %.1f s of wall time", wallSeconds);
    return b.toString();
  }

  private static void line(StringBuilder b, String format, Object... args) {
    b.append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
