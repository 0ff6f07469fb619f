package dev.scraper.engine;

import dev.scraper.config.Defaults;
import dev.scraper.config.FetchPolicy;
import dev.scraper.fetch.FetchError;
import dev.scraper.fetch.FetchResult;
import dev.scraper.fetch.Fetcher;
import dev.scraper.fetch.Slot;
import dev.scraper.fetch.StartGate;
import dev.scraper.sitemap.SitemapFetch;
import dev.scraper.internal.Bugs;
import dev.scraper.polite.Limits;
import dev.scraper.record.ErrorType;
import dev.scraper.url.WebUrl;
import io.vertx.core.Future;
import java.util.List;

/**
 * How a run fetches its sitemaps: every request of a sitemap (the first, each redirect hop, each retry) is a request
 * start of its host, checked against that host's robots.txt when the job obeys it and held to the job's politeness
 * on the host board, then sent through the engine's one client with the job's headers, TLS and proxy settings.
 * Sitemaps are documents, not pages: always a GET, redirects followed (up to {@code maxRedirects}), any status
 * below 400 taken, bodies up to {@link Defaults#SITEMAP_MAX_BYTES}. Event-loop owned.
 */
final class SitemapFetches implements SitemapFetch {
  static final String STOPPED = "the run stopped before this sitemap was read";
  private final Stages s;
  private final FetchPolicy job;
  private final FetchPolicy policy;
  private final Limits limits;

  SitemapFetches(Stages stages, FetchPolicy job) {
    this.s = stages;
    this.job = job;
    this.policy = new FetchPolicy(job.concurrency(), job.perHost(), job.delayMs(), job.timeoutMs(),
        job.connectTimeoutMs(), job.idleTimeoutMs(), true, job.maxRedirects(), Defaults.SITEMAP_MAX_BYTES,
        job.retries(), job.retryOn(), job.userAgent(), job.headers(), job.robotsTxt(), job.throttle(),
        job.maxRetryAfterMs(), job.maxCrawlDelayMs(), Defaults.METHOD, Defaults.EXPECT_STATUS, job.tlsProxy());
    this.limits = new Limits(Math.min(job.perHost(), job.concurrency()), job.delayMs(), job.throttle(),
        job.robotsTxt());
  }

  @Override
  public Future<FetchResult> fetch(WebUrl url, Future<Void> stop) {
    return new One(url, stop).run();
  }

  @Override
  public Future<List<String>> robotsSitemaps(WebUrl site) {
    return s.robots().sitemaps(site, job);
  }

  /** One sitemap's fetch, and the gate where each of its requests waits for its host. */
  private final class One implements StartGate {
    private final WebUrl url;
    private final Future<Void> stop;
    private HopTicket hop;
    private Fetcher.Fetch fetch;

    One(WebUrl url, Future<Void> stop) {
      this.url = url;
      this.stop = stop;
    }

    Future<FetchResult> run() {
      stop.onComplete(v -> cancel());
      return next(url, policy).compose(first -> {
        try {
          fetch = s.fetcher().fetch(url, policy, first, this, s.throttle());
        } catch (RuntimeException e) {
          first.release();
          return Future.failedFuture(e);
        }
        if (stop.isComplete()) {
          fetch.cancel(STOPPED);
        }
        return fetch.result();
      }).recover(e -> Future.succeededFuture(FetchResult.notFetched(url.toString(), e instanceof FetchError fe ? fe
          : new FetchError(ErrorType.INTERNAL, Bugs.report("sitemap fetch", url.shown(), e)))));
    }

    /** robots.txt of the target's host (when the job obeys it), then the host's turn. */
    @Override
    public Future<Slot> next(WebUrl target, FetchPolicy p) {
      return s.robots().check(target, p).compose(v -> {
        if (stop.isComplete()) {
          return Future.failedFuture(new FetchError(ErrorType.CANCELLED, STOPPED));
        }
        if (!v.allowed()) {
          return Future.failedFuture(new FetchError(ErrorType.ROBOTS, target.equals(url) ? v.reason()
              : "redirect to " + target.shown() + " refused: " + v.reason()));
        }
        if (p.robotsTxt()) {
          s.throttle().crawlDelay(target.hostKey(), v.crawlDelayMs());
        }
        hop = new HopTicket(target.hostKey(), limits);
        s.board().offer(hop);
        s.dispatcher().kick();
        return hop.slot();
      });
    }

    private void cancel() {
      if (hop != null) {
        hop.abandon(new FetchError(ErrorType.CANCELLED, STOPPED));
      }
      if (fetch != null) {
        fetch.cancel(STOPPED);
      }
    }
  }
}
