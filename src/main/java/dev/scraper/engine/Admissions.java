package dev.scraper.engine;

import dev.scraper.fetch.FetchResult;
import dev.scraper.filter.FoundLinks;
import dev.scraper.filter.LinkFinder;
import dev.scraper.frontier.CrawlUrl;
import dev.scraper.frontier.SeenUrls;
import dev.scraper.frontier.SourceEntry;
import dev.scraper.metrics.RunStats;
import dev.scraper.sink.Sink;
import dev.scraper.state.JobState;
import dev.scraper.state.Pending;
import dev.scraper.url.WebUrl;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How URLs join a run: from its source, from the pages it fetched, and where its pages redirected to. Without a
 * frontier on disk, the run's seen set and {@link Crawl} decide on the event loop; with one, the store's worker
 * decides ({@link StoredLinks}) and the run reads its URLs back from the store. Event-loop owned.
 */
final class Admissions {
  private final Run run;
  private final Stages s;
  private final Crawl crawl;
  private final JobState state;
  private final RunStats stats;
  private final SeenUrls seen;
  /** The run's checkpoint in the cluster ({@link Checkpoint#NONE} outside one, or with a frontier on disk). */
  private final Checkpoint checkpoint;
  /** Keys of the URLs (and invalid lines) a run taken over had in its checkpoint: its source skips them. */
  private Set<String> resumed = Set.of();

  Admissions(Run run, Stages stages, Crawl crawl, JobState state, RunStats stats) {
    this.run = run;
    this.s = stages;
    this.crawl = crawl;
    this.state = state;
    this.stats = stats;
    this.seen = state == null ? new SeenUrls() : null;
    this.checkpoint = s.sharing().checkpoint(run, state);
    run.done().onComplete(x -> checkpoint.ended());
  }

  /**
   * A resumed crawl's scope: its seeds' hosts and where they redirected to. A run taken over from a node that died
   * ({@link Takeover}) starts from that run's checkpoint: its URLs done are seen, the others join their hosts' lines.
   */
  void restore() {
    if (state != null && crawl != null) {
      state.scope().forEach(url -> crawl.scope(WebUrl.parse(url)));
    }
    Map<String, JsonArray> taken = s.sharing().resumed(run.id());
    if (taken == null || seen == null) {
      return;
    }
    resumed = new HashSet<>(taken.keySet());
    for (Map.Entry<String, JsonArray> e : taken.entrySet()) {
      if (e.getKey().startsWith("!")) {
        continue; // an invalid line, done
      }
      JsonArray v = e.getValue();
      CrawlUrl url = new CrawlUrl(v.getString(0), WebUrl.parse(e.getKey()), v.getInteger(1), v.getString(2));
      seen.add(url.url());
      if (crawl != null && url.depth() == 0) {
        crawl.seed(url.url());
      }
      if (!v.getBoolean(3)) {
        run.enqueue(url, -1);
      }
    }
    s.dispatcher().kick();
  }

  /** A URL of the run has its record. */
  void done(CrawlUrl url) {
    checkpoint.done(url);
  }

  /** The URL done last gets no line in the output (an unchanged record under onlyChanged). */
  void unwritten() {
    checkpoint.unwritten();
  }

  /** The run's records go to {@code sink} through this (it tells the checkpoint when each is written). */
  Sink around(Sink sink) {
    return checkpoint.around(sink);
  }

  /** Takes a batch of the source: every URL read gets its record in the end, even when the run was cancelled. */
  void accept(List<SourceEntry> batch) {
    for (SourceEntry entry : batch) {
      if (entry.url() == null) {
        if (!resumed.contains(Checkpoint.invalidKey(entry.given()))) {
          checkpoint.invalid(entry.given());
          run.emit(Records.invalid(run, entry.given(), entry.where() + ": " + entry.problem()), null, -1);
        }
      } else if (!seen.add(entry.url())) {
        if (!resumed.contains(entry.url().toString())) {
          stats.duplicate();
        }
      } else {
        if (crawl != null) {
          crawl.seed(entry.url());
        }
        admit(CrawlUrl.seed(entry));
      }
    }
    s.dispatcher().kick();
  }

  private void admit(CrawlUrl url) {
    checkpoint.admitted(url);
    run.enqueue(url, -1);
  }

  /** Takes a batch of the frontier on disk: its URLs are new to the run (the store has checked). */
  void acceptStored(List<Pending> batch) {
    for (Pending p : batch) {
      if (p.url() == null) {
        run.emit(Records.invalid(run, p.given(), p.problem()), null, p.row());
        continue;
      }
      if (crawl != null && p.url().depth() == 0) {
        crawl.scope(p.url().url());
        state.scope(p.url().url());
      }
      run.enqueue(p.url(), p.row());
    }
    s.dispatcher().kick();
  }

  /**
   * A page's links (already filtered on a worker) meet the frontier: the new ones join their hosts' lines, or the
   * store. Completes when they are admitted: in the store before the page's record can be written.
   */
  Future<Void> found(FoundLinks links) {
    if (crawl == null || links == FoundLinks.NONE) {
      return Future.succeededFuture();
    }
    if (state != null) {
      return StoredLinks.admit(state, links, stats.links(), run.feed(), run::maybeRead);
    }
    for (CrawlUrl url : crawl.admit(links, seen, stats.links())) {
      admit(url);
    }
    s.dispatcher().kick();
    return Future.succeededFuture();
  }

  /**
   * A URL's fetch ended: its retries are counted; a page reached by a redirect counts under its final URL too, and a
   * seed's redirect widens the scope.
   */
  void fetched(CrawlUrl url, FetchResult f) {
    for (String reason : f.retryReasons()) {
      stats.retried(reason);
    }
    WebUrl last = crawl == null ? null : crawl.fetched(url, f);
    if (last == null) {
      return;
    }
    if (state == null) {
      seen.add(last);
      return;
    }
    state.seen(last);
    if (url.depth() == 0) {
      state.scope(last);
    }
  }

  /** Links another node found (with every host in scope there), held to this run's scope. */
  FoundLinks inScope(FoundLinks links) {
    return crawl == null || links == null ? links : crawl.inScope(links);
  }

  LinkFinder linkFinder() {
    return crawl == null ? null : crawl.finder();
  }
}
