package dev.scraper.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulated cluster with small parameters: balance, politeness, a node's failure and handover, determinism. */
class SimulatorTest {
  /** 2,000 hosts, 463 URLs/s offered for 120 virtual seconds (about 55,000 URLs) on 4 nodes of 250 pages/s. */
  private static ScaleReport run(String... extra) {
    List<String> args = new ArrayList<>(List.of("--nodes", "4", "--hosts", "2000", "--urls", "20000000",
        "--window-s", "120", "--concurrency", "64", "--cores", "1", "--drain-s", "600"));
    args.addAll(List.of(extra));
    return ScaleReport.run(ScaleOptions.parse(args.toArray(String[]::new)));
  }

  @Test
  void nodesFetchAtRatesWithinTenPercentOfEachOther() {
    ScaleReport r = run("--kill-node-at", "-1");
    assertTrue(r.balance <= 1.10, "max/min pages/s " + r.balance);
    for (Node n : r.simulator().nodes) {
      assertTrue(n.hosts.cardinality() > 0, "node " + n.id + " leased no host");
    }
  }

  @Test
  void withAffinityMostLeasesGoBackToTheHostsLastNodeAndTheRatesStayBalanced() {
    long[] repeats = new long[2];
    for (int affinity = 0; affinity < 2; affinity++) {
      ScaleReport r = run("--kill-node-at", "-1", "--affinity", String.valueOf(affinity));
      for (Node n : r.simulator().nodes) {
        repeats[affinity] += n.repeatLeases;
      }
      assertTrue(r.balance <= 1.10, "affinity " + affinity + ": max/min pages/s " + r.balance);
    }
    assertTrue(repeats[1] > 2 * repeats[0], "repeat leases without and with affinity: " + repeats[0] + ", "
        + repeats[1]);
  }

  @Test
  void noHostEverHasMoreRequestsInFlightThanPerHostNorStartsCloserThanDelay() {
    for (String perHost : List.of("1", "3")) {
      ScaleReport r = run("--per-host", perHost, "--delay-ms", "500", "--latency-ms", "800");
      Simulator s = r.simulator();
      assertTrue(s.maxConcurrent <= Integer.parseInt(perHost), "perHost " + perHost + ": " + s.maxConcurrent);
      assertEquals(0, s.spacingViolations, "perHost " + perHost);
    }
  }

  @Test
  void theBusiestHostsAreKeptAtTheirPoliteLimitRatherThanOverIt() {
    // Uncapped, the biggest hosts are due faster than one request a second: they queue, they are not overrun.
    ScaleReport r = run("--max-per-host", "200000", "--delay-ms", "1000", "--drain-s", "3600");
    assertEquals(1, r.simulator().maxConcurrent);
    assertEquals(0, r.simulator().spacingViolations);
    assertTrue(r.simulator().maxOutstanding > 1000, "the biggest hosts should build a backlog");
  }

  @Test
  void afterANodeIsKilledEveryUrlIsRecordedExactlyOnce() {
    ScaleReport r = run("--kill-node-at", "0.5", "--kill-node", "2");
    Simulator s = r.simulator();
    assertTrue(s.failure.refetched > 0, "the killed node should have had fetches in flight");
    assertTrue(s.failure.handedOver > 0, "the killed node should have had hosts with URLs waiting");
    assertEquals(s.arrivals, s.hosts.records);
    assertEquals(0, s.hosts.duplicates);
    assertEquals(0, r.lost);
  }

  @Test
  void aFrozenNodesLateResultsAreDiscardedByEpochAndEveryUrlIsRecordedOnce() {
    ScaleReport r = run("--kill-node-at", "0.5", "--freeze-ms", "15000");
    Simulator s = r.simulator();
    assertTrue(r.discarded() > 0, "the frozen node's results should come back late");
    assertEquals(s.failure.refetched, r.discarded());
    assertEquals(s.arrivals, s.hosts.records);
    assertEquals(0, s.hosts.duplicates);
    assertTrue(s.maxConcurrent <= 1);
  }

  @Test
  void everyHostOfAFailedNodeIsLeasedAgainWithinDetectionPlusTtl() {
    for (String[] failure : List.of(new String[] {"--detection-ms", "1000"},
        new String[] {"--freeze-ms", "60000", "--detection-ms", "10000"},
        new String[] {"--detection-ms", "50000", "--lease-ttl-ms", "9000"})) {
      ScaleReport r = run(concat(failure, "--kill-node-at", "0.4"));
      Failure f = r.simulator().failure;
      assertTrue(f.handedOver > 0, String.join(" ", failure));
      assertEquals(f.handedOver, f.handedOverLeased, String.join(" ", failure));
      assertTrue(f.maxHandoverUs / 1e6 <= r.handoverBoundSeconds(), String.join(" ", failure) + ": "
          + f.maxHandoverUs / 1e6 + " s");
      assertEquals(0, r.lost, String.join(" ", failure));
    }
  }

  @Test
  void aTtlShorterThanDetectionRevokesTheLeasesFirst() {
    ScaleReport r = run("--kill-node-at", "0.4", "--detection-ms", "50000", "--lease-ttl-ms", "9000");
    Failure f = r.simulator().failure;
    assertTrue(f.revokedAt - f.failedAt <= 9_000_000, (f.revokedAt - f.failedAt) + " us");
  }

  @Test
  void oneSeedGivesOneResultAndAnotherSeedAnother() {
    String a = strip(run("--seed", "7").json());
    assertEquals(a, strip(run("--seed", "7").json()));
    assertTrue(!a.equals(strip(run("--seed", "8").json())));
  }

  private static String strip(String json) {
    return json.replaceAll("\"wallSeconds\" : [0-9.]+", "").replaceAll("\"seed\" : [0-9]+", "");
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }
}
