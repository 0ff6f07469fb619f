package dev.scraper.polite;

/** What slows one host down beyond the job's own {@code delayMs}: Crawl-delay, 429/503 answers, latency. */
public interface Pacing {
  /** No pacing. */
  Pacing NONE = new Pacing() {
    @Override
    public long gapMs(String hostKey) {
      return 0;
    }

    @Override
    public long notBefore(String hostKey) {
      return 0;
    }
  };

  /** Least gap between two request starts to the host, in ms. */
  long gapMs(String hostKey);

  /** No request to the host may start before this time (the clock of {@link HostQueues}), e.g. after a 429. */
  long notBefore(String hostKey);
}
