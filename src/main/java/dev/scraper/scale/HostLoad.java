package dev.scraper.scale;

/**
 * URLs per host per day: a Zipf law (the host of rank k gets a share proportional to 1/k^s, as on the real web,
 * where a few hosts hold most pages), truncated at a per-host cap that politeness can serve in a day; what the cap
 * cuts off the biggest hosts is spread over the others in proportion to their share, so the day still has its
 * URLs. Host {@code h} has rank {@code h + 1}.
 */
final class HostLoad {
  /** URLs per day of each host. */
  final double[] perDay;
  /** Hosts held to the cap. */
  final int capped;
  /** The cap, URLs per host per day. */
  final double cap;
  /** URLs per day the pure Zipf law would give the biggest host, before the cap. */
  final double uncappedTop;

  private HostLoad(double[] perDay, int capped, double cap, double uncappedTop) {
    this.perDay = perDay;
    this.capped = capped;
    this.cap = cap;
    this.uncappedTop = uncappedTop;
  }

  /** Spreads {@code urls} over {@code hosts} by Zipf({@code s}), each host at most {@code cap}. */
  static HostLoad zipf(int hosts, long urls, double s, double cap) {
    if (cap * hosts < urls) {
      throw new IllegalArgumentException(hosts + " hosts at most " + Math.round(cap) + " URLs a day each cannot hold "
          + urls + " URLs a day: raise --hosts or --max-per-host, or lower --urls or --delay-ms");
    }
    double[] w = new double[hosts];
    double sum = 0;
    for (int k = 0; k < hosts; k++) {
      w[k] = Math.pow(k + 1, -s);
      sum += w[k];
    }
    double uncappedTop = urls * w[0] / sum;
    // Water-filling: the weights fall with the rank, so the capped hosts are always a prefix of the ranks.
    int capped = 0;
    double free = sum;
    double scale = urls / free;
    while (capped < hosts && w[capped] * scale > cap) {
      free -= w[capped];
      capped++;
      scale = free > 0 ? (urls - cap * capped) / free : 0;
    }
    double[] perDay = new double[hosts];
    for (int k = 0; k < hosts; k++) {
      perDay[k] = k < capped ? cap : w[k] * scale;
    }
    return new HostLoad(perDay, capped, cap, uncappedTop);
  }
}
