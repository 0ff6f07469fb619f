package dev.scraper.sitemap;

import dev.scraper.config.Defaults;
import dev.scraper.config.SitemapSpec;
import dev.scraper.fetch.FetchResult;
import dev.scraper.frontier.SourceEntry;
import dev.scraper.frontier.UrlSource;
import dev.scraper.record.ErrorType;
import dev.scraper.url.WebUrl;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The URLs a job's sitemaps list, as a stream: one sitemap document is fetched (through {@link SitemapFetch}, a
 * request start of its host), read on a worker ({@link SitemapDoc}) and handed out in batches before the next one
 * is fetched, so a run holds at most one document's URLs, never records for them all. An index is followed to its
 * sitemaps, in order, down to {@link Defaults#SITEMAP_MAX_DEPTH} levels below a sitemap given; a sitemap already
 * taken (a loop, a repeat) is skipped. With {@code sitemapFromRobots}, the {@code Sitemap:} lines of the
 * robots.txt of the job's hosts come after the sitemaps given. A sitemap that cannot be read is reported once and
 * gives no URL. Event-loop owned.
 */
public final class SitemapSource implements UrlSource {
  private record Pending(WebUrl url, int depth) {
  }

  private final Vertx vertx;
  private final SitemapFetch fetch;
  private final SitemapEvents report;
  private final Promise<Void> stop = Promise.promise();
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private final Set<String> taken = new HashSet<>();
  /** Hosts whose robots.txt is still to be asked for its sitemaps (sitemapFromRobots), or null. */
  private List<WebUrl> robotsHosts;
  private List<String> urls = List.of();
  private String from;
  private int pos;
  private long handed;
  private boolean ended;

  /**
   * @param seeds the job's inline {@code urls}: their hosts' robots.txt are asked too, with {@code fromRobots}
   */
  public SitemapSource(Vertx vertx, SitemapSpec spec, List<String> seeds, SitemapFetch fetch, SitemapEvents report) {
    this.vertx = vertx;
    this.fetch = fetch;
    this.report = report;
    for (String given : spec.urls()) {
      offer(WebUrl.parse(given), 0); // validated by the config reader
    }
    if (spec.fromRobots()) {
      Map<String, WebUrl> hosts = new LinkedHashMap<>();
      for (String given : seeds) {
        WebUrl u = WebUrl.parse(given);
        hosts.putIfAbsent(u.hostKey(), u);
      }
      for (Pending p : pending) {
        hosts.putIfAbsent(p.url.hostKey(), p.url);
      }
      robotsHosts = new ArrayList<>(hosts.values());
    }
  }

  @Override
  public Future<List<SourceEntry>> next(int max) {
    Promise<List<SourceEntry>> out = Promise.promise();
    step(max, out);
    return out.future();
  }

  /**
   * Answers from the current document, or fetches what comes next. Every asynchronous step comes back here through
   * the event loop, never by nesting: an index of thousands of refused sitemaps cannot grow the stack.
   */
  private void step(int max, Promise<List<SourceEntry>> out) {
    if (stop.future().isComplete() || ended) {
      out.complete(List.of());
    } else if (pos < urls.size()) {
      out.complete(batch(max));
    } else if (robotsHosts != null) {
      List<Future<List<String>>> asked = robotsHosts.stream().map(fetch::robotsSitemaps).toList();
      robotsHosts = null;
      Promise<Void> answered = Promise.promise(); // every host answered, or the run stopped
      Future.join(asked).onComplete(ar -> answered.tryComplete());
      stop.future().onComplete(ar -> answered.tryComplete());
      answered.future().onComplete(ar -> {
        if (!stop.future().isComplete()) {
          fromRobots(asked);
        }
        vertx.runOnContext(v -> step(max, out));
      });
    } else if (!pending.isEmpty()) {
      urls = List.of();
      Pending p = pending.poll();
      load(p).onComplete(ar -> vertx.runOnContext(v -> step(max, out)));
    } else {
      ended = true;
      urls = List.of();
      out.complete(List.of());
    }
  }

  private List<SourceEntry> batch(int max) {
    int end = Math.min(urls.size(), pos + max);
    List<SourceEntry> batch = new ArrayList<>(end - pos);
    for (; pos < end; pos++) {
      batch.add(SourceEntry.of(urls.get(pos).strip(), from + ", URL " + (pos + 1)));
    }
    handed += batch.size();
    return batch;
  }

  private void fromRobots(List<Future<List<String>>> asked) {
    int found = 0;
    for (Future<List<String>> lines : asked) {
      for (String line : lines.succeeded() ? lines.result() : List.<String>of()) {
        found++;
        String problem = WebUrl.problem(line.strip());
        if (problem != null) {
          report.failed(line, ErrorType.INVALID_URL.wire(), "a Sitemap: line of robots.txt: " + problem);
        } else {
          offer(WebUrl.parse(line.strip()), 0);
        }
      }
    }
    if (found == 0) {
      report.warning("sitemapFromRobots: " + (asked.size() == 1 ? "the robots.txt of its host names no sitemap"
          : "none of the robots.txt of its " + asked.size() + " hosts names a sitemap"));
    }
  }

  /** Fetches and reads one document; its URLs become the current ones, an index's sitemaps come next. */
  private Future<Void> load(Pending p) {
    String shown = p.url.shown();
    return fetch.fetch(p.url, stop.future()).compose(f -> {
      if (stop.future().isComplete()) {
        f.release();
        return Future.succeededFuture();
      }
      if (!f.ok()) {
        f.release();
        boolean tooLarge = f.error().type() == ErrorType.BODY_TOO_LARGE;
        report.failed(shown, f.error().type().wire(), tooLarge ? SitemapDoc.TOO_LARGE : f.error().getMessage());
        return Future.succeededFuture();
      }
      return vertx.executeBlocking(() -> SitemapDoc.read(f.body(), f.contentEncoding(), f.contentType(),
          f.finalUrl()), false).eventually(() -> {
            f.release();
            return Future.succeededFuture();
          }).transform(ar -> {
            if (ar.failed()) {
              Throwable e = ar.cause();
              report.failed(shown, e instanceof SitemapDoc.Unreadable u ? u.kind : ErrorType.INTERNAL.wire(),
                  e.getMessage());
            } else if (!stop.future().isComplete()) {
              take(p, shown, ar.result());
            }
            return Future.succeededFuture();
          });
    });
  }

  private void take(Pending p, String shown, SitemapDoc doc) {
    report.read(shown, doc.urls().size(), doc.index());
    if (doc.listed() > doc.urls().size()) {
      report.warning("sitemap " + shown + " lists " + doc.listed() + (doc.index() ? " sitemaps" : " URLs")
          + "; only the first " + doc.urls().size() + " were taken (the sitemaps protocol's limit)");
    }
    if (!doc.index()) {
      urls = doc.urls();
      from = "sitemap " + shown;
      pos = 0;
      return;
    }
    if (p.depth >= Defaults.SITEMAP_MAX_DEPTH) {
      report.warning("sitemap index " + shown + " is nested " + p.depth + " deep; the " + doc.urls().size()
          + " sitemaps it lists were skipped (sitemaps are read down to " + Defaults.SITEMAP_MAX_DEPTH
          + " levels below the one given)");
      return;
    }
    List<Pending> children = new ArrayList<>();
    for (String child : doc.urls()) {
      String problem = WebUrl.problem(child.strip());
      if (problem != null) {
        report.failed(child, ErrorType.INVALID_URL.wire(), "listed by " + shown + ": " + problem);
        continue;
      }
      WebUrl u = WebUrl.parse(child.strip());
      if (taken.add(u.toString())) {
        children.add(new Pending(u, p.depth + 1));
      } else {
        report.repeated(u.shown());
      }
    }
    for (int i = children.size() - 1; i >= 0; i--) {
      pending.addFirst(children.get(i)); // depth first, in the index's order: the queue stays short
    }
  }

  /** A sitemap given or named by robots.txt; one given twice (or also named by robots.txt) is read once. */
  private void offer(WebUrl url, int depth) {
    if (taken.add(url.toString())) {
      pending.add(new Pending(url, depth));
    }
  }

  /** The URLs handed out, once every sitemap is read; -1 until then. */
  @Override
  public long total() {
    return ended ? handed : -1;
  }

  /** The run stops: a fetch waiting or under way ends, and the read under way ends with no URL. */
  @Override
  public void stop() {
    stop.tryComplete();
  }

  @Override
  public Future<Void> close() {
    stop.tryComplete();
    pending.clear();
    urls = List.of();
    return Future.succeededFuture();
  }
}
