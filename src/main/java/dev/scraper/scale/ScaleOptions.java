package dev.scraper.scale;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command line of {@link ScaleSimulation}. Every option is {@code --name value} except {@code --json}; the
 * defaults are the capacity plan of docs/SCALE.md.
 *
 * @param nodes nodes of the cluster; node 0 is the run's owner (frontier and records) and fetches too
 * @param hosts hosts of the day's URL list
 * @param urlsPerDay URLs to fetch per day, spread over the hosts by a capped Zipf law
 * @param zipf exponent of the Zipf law of URLs per host (1.0: the host of rank k has 1/k of the first's URLs)
 * @param maxPerHost most URLs per host per day; 0 derives it from politeness (80% of what one host can take in a
 *     day at the peak rate)
 * @param peak peak factor: the simulated window runs at {@code peak * urlsPerDay / 86,400} URLs per second
 * @param windowS virtual seconds of URL arrivals simulated (a sample of the day at its peak rate)
 * @param seed seed of every random draw; one seed gives one result
 * @param failAt when the failure happens, as a fraction of the window; negative for none
 * @param failNode the node that fails (not 0: the owner's loss is a different story, see docs/SCALE.md)
 * @param freezeMs 0 for a kill -9 (its sockets close, its results never come); otherwise the node freezes this long
 *     (a long GC pause or a partition) and its late results come back afterwards
 * @param detectionMs time for the cluster to notice the failed member; by default 1 s for a kill (its connections
 *     close) and 10 s for a freeze (a silent member: hazelcast.max.no.heartbeat.seconds)
 * @param leaseTtlMs lease time-to-live; leases are renewed every third of it while their node lives
 * @param affinity 1 to offer a host first to the node that held it last, when that node is not busier than
 *     three quarters of its concurrency (its robots.txt rules, DNS and TLS session are there); 0 for the least loaded
 * @param lingerMs a node keeps a drained host's lease when the host's next URL is due within this time
 * @param concurrency fetches in flight per node at most
 * @param perHost fetches in flight per host at most, cluster-wide
 * @param delayMs least time between two starts to one host, cluster-wide
 * @param latencyMs median response time (log-normal, capped at timeoutMs)
 * @param latencySigma sigma of the log-normal response time
 * @param timeoutMs longest response time
 * @param cores cores per node
 * @param cpuUsPerPage CPU microseconds a page costs a node (fetch, TLS, decode, parse, extract, links, record)
 * @param drainS virtual seconds allowed after the window for the URLs still queued
 * @param json print JSON instead of the text report
 */
public record ScaleOptions(int nodes, int hosts, long urlsPerDay, double zipf, long maxPerHost, double peak,
                           long windowS, long seed, double failAt, int failNode, long freezeMs, long detectionMs,
                           long leaseTtlMs, boolean affinity, long lingerMs, int concurrency, int perHost, long delayMs,
                           long latencyMs, double latencySigma, long timeoutMs, int cores, long cpuUsPerPage,
                           long drainS, boolean json) {
  static final String USAGE = "usage: ScaleSimulation [--json] [--nodes N] [--hosts N] [--urls N]"
      + " [--zipf S] [--max-per-host N] [--peak F] [--window-s S] [--seed N] [--kill-node-at F] [--kill-node N]"
      + " [--freeze-ms MS] [--detection-ms MS] [--lease-ttl-ms MS] [--affinity 0|1] [--linger-ms MS] [--concurrency N]"
      + " [--per-host N] [--delay-ms MS] [--latency-ms MS] [--latency-sigma S] [--timeout-ms MS] [--cores N]"
      + " [--cpu-us-per-page US] [--drain-s S]";

  /** The defaults: the plan of docs/SCALE.md. */
  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("nodes", "9");
    d.put("hosts", "1000000");
    d.put("urls", "100000000");
    d.put("zipf", "1.0");
    d.put("max-per-host", "0");
    d.put("peak", "2.0");
    d.put("window-s", "900");
    d.put("seed", "1");
    d.put("kill-node-at", "0.5");
    d.put("kill-node", "-1");
    d.put("freeze-ms", "0");
    d.put("detection-ms", "-1");
    d.put("lease-ttl-ms", "30000");
    d.put("affinity", "0");
    d.put("linger-ms", "10000");
    d.put("concurrency", "256");
    d.put("per-host", "1");
    d.put("delay-ms", "1000");
    d.put("latency-ms", "200");
    d.put("latency-sigma", "0.8");
    d.put("timeout-ms", "30000");
    d.put("cores", "2");
    d.put("cpu-us-per-page", "4000");
    d.put("drain-s", "3600");
    return d;
  }

  /** Parses the arguments; throws IllegalArgumentException with a message fit for the user. */
  public static ScaleOptions parse(String... args) {
    Map<String, String> v = defaults();
    boolean json = false;
    for (int i = 0; i < args.length; i++) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : "";
      if (name.equals("json")) {
        json = true;
      } else if (v.containsKey(name) && i + 1 < args.length) {
        v.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException((v.containsKey(name) ? "option '" + args[i] + "' needs a value"
            : "unknown option '" + args[i] + "'") + " (" + USAGE + ")");
      }
    }
    int nodes = (int) whole(v, "nodes", 1);
    int failNode = (int) whole(v, "kill-node", -1);
    long freezeMs = whole(v, "freeze-ms", 0);
    long detectionMs = whole(v, "detection-ms", -1);
    ScaleOptions o = new ScaleOptions(nodes, (int) whole(v, "hosts", 1), whole(v, "urls", 1), real(v, "zipf", 0),
        whole(v, "max-per-host", 0), real(v, "peak", 0.01), whole(v, "window-s", 1), whole(v, "seed", 0),
        real(v, "kill-node-at", -1), failNode < 0 ? nodes - 1 : failNode, freezeMs,
        detectionMs >= 0 ? detectionMs : freezeMs == 0 ? 1_000 : 10_000, whole(v, "lease-ttl-ms", 3),
        whole(v, "affinity", 0) > 0, whole(v, "linger-ms", 0),
        (int) whole(v, "concurrency", 1), (int) whole(v, "per-host", 1), whole(v, "delay-ms", 0),
        whole(v, "latency-ms", 1), real(v, "latency-sigma", 0), whole(v, "timeout-ms", 1),
        (int) whole(v, "cores", 1), whole(v, "cpu-us-per-page", 1), whole(v, "drain-s", 0), json);
    if (o.hosts > 20_000_000) {
      throw new IllegalArgumentException("--hosts must be at most 20000000, got " + o.hosts);
    }
    if (o.failing() && (o.failNode < 1 || o.failNode >= nodes)) {
      throw new IllegalArgumentException("--kill-node must be 1.." + (nodes - 1) + " (node 0 is the run's owner,"
          + " whose loss this simulation does not model), got " + o.failNode);
    }
    if (o.failing() && nodes < 2) {
      throw new IllegalArgumentException("--kill-node-at needs at least 2 nodes; use --kill-node-at -1 for none");
    }
    return o;
  }

  /** Whether a node fails during the window. */
  public boolean failing() {
    return failAt >= 0;
  }

  /** The per-host daily cap in effect: the given one, or 80% of what politeness lets one host take at the peak. */
  public double hostCap() {
    if (maxPerHost > 0) {
      return maxPerHost;
    }
    double gapMs = Math.max(delayMs, (double) latencyMs / perHost);
    return 0.8 * 86_400_000.0 / gapMs / peak;
  }

  private static long whole(Map<String, String> v, String name, long min) {
    String text = v.get(name).replace("_", "");
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + v.get(name) + "'");
    }
    if (value < min) {
      throw new IllegalArgumentException("--" + name + " must be at least " + min + ", got " + value);
    }
    return value;
  }

  private static double real(Map<String, String> v, String name, double min) {
    double value;
    try {
      value = Double.parseDouble(v.get(name));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number, got '" + v.get(name) + "'");
    }
    if (!(value >= min)) {
      throw new IllegalArgumentException("--" + name + " must be at least " + min + ", got " + value);
    }
    return value;
  }
}
