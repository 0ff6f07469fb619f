package dev.scraper.engine;

import dev.scraper.cluster.Wire;
import dev.scraper.config.FetchPolicy;
import dev.scraper.config.JobSpec;
import dev.scraper.config.LentJob;
import dev.scraper.extract.Extractor;
import dev.scraper.fetch.FetchError;
import dev.scraper.fetch.FetchResult;
import dev.scraper.fetch.Fetcher;
import dev.scraper.fetch.Slot;
import dev.scraper.fetch.StartGate;
import dev.scraper.filter.LinkFinder;
import dev.scraper.filter.Scope;
import dev.scraper.frontier.CrawlUrl;
import dev.scraper.internal.Bugs;
import dev.scraper.parse.ParseStage;
import dev.scraper.record.ErrorType;
import dev.scraper.robots.RobotsRules;
import dev.scraper.url.WebUrl;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This node's side of work sharing: it fetches and parses URLs of runs other nodes own, as those owners send them
 * ({@link Sharing}), with this node's client, robots.txt cache and parse workers, and answers each with the fetch (no
 * body), the record and the links found. The owner's host board has already given the URL its turn at its host
 * (politeness is the owner's); a redirect to another host asks this node's robots.txt cache first. On stop, every
 * URL still under way is handed back (the owner sends it elsewhere). Event-loop owned.
 */
final class Lending {
  /** The address of the node {@code id}'s lending. */
  static String address(String nodeId) {
    return "scraper.fetch." + nodeId;
  }

  /** The address where the node {@code nodeId} hears at once of a host that asked to slow down. */
  static String heardAt(String nodeId) {
    return "scraper.heard." + nodeId;
  }

  /** The failure code of an answer that asks for the job's lent view (this node has not seen the run yet). */
  static final int NEED_JOB = 404;
  /** The failure code of a URL handed back (this node stops). */
  static final int HANDED_BACK = 503;
  /** Jobs of runs kept (the oldest go first). */
  private static final int RUNS_KEPT = 64;

  private final Stages s;
  private final String nodeName;
  private final Map<String, Lent> runs = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Lent> eldest) {
      return size() > RUNS_KEPT;
    }
  };
  private final Map<Message<JsonObject>, Fetcher.Fetch> underWay = new HashMap<>();
  private final Map<String, Integer> hosts = new HashMap<>();
  private MessageConsumer<JsonObject> consumer;
  private MessageConsumer<io.vertx.core.json.JsonArray> slowDowns;
  private long done;

  /** A job as this node fetches it for another's run. */
  private record Lent(JobSpec job, Extractor extractor, LinkFinder links) {
  }

  Lending(Stages stages, String nodeName) {
    this.s = stages;
    this.nodeName = nodeName;
  }

  /**
   * Starts taking URLs at {@link #address(String)} of {@code nodeId}, and hearing at {@link #heardAt} of the hosts
   * of this node's runs that asked another node to slow down (429, 503, Retry-After).
   */
  Future<Void> start(String nodeId) {
    slowDowns = s.vertx().eventBus().<io.vertx.core.json.JsonArray>consumer(heardAt(nodeId), m -> s.throttle()
        .answered(m.body().getString(0), m.body().getInteger(1), m.body().getLong(2), m.body().getLong(3)));
    consumer = s.vertx().eventBus().consumer(address(nodeId), m -> {
      try {
        fetch(m);
      } catch (RuntimeException bug) { // answered at once: the owner sends the URL elsewhere, not after its timeout
        m.fail(500, Bugs.report("lend", m.body().getString("url"), bug));
      }
    });
    return Future.all(consumer.completion(), slowDowns.completion()).mapEmpty();
  }

  /** URLs this node is fetching for other nodes' runs now. */
  int inFlight() {
    return underWay.size();
  }

  /** Hosts this node is fetching for other nodes' runs now. */
  int hosts() {
    return hosts.size();
  }

  /** The hosts this node is fetching for other nodes' runs now (a view). */
  java.util.Set<String> hostKeys() {
    return java.util.Collections.unmodifiableSet(hosts.keySet());
  }

  /** URLs this node fetched for other nodes' runs so far. */
  long done() {
    return done;
  }

  /** Takes no more URLs and hands back those under way: their owners send them to another node. */
  Future<Void> stop() {
    Future<Void> off = consumer == null ? Future.succeededFuture()
        : Future.all(consumer.unregister(), slowDowns.unregister()).mapEmpty();
    Map<Message<JsonObject>, Fetcher.Fetch> back = Map.copyOf(underWay);
    underWay.clear(); // first: a fetch that ends as it is cancelled below sends no answer
    hosts.clear();
    for (Map.Entry<Message<JsonObject>, Fetcher.Fetch> e : back.entrySet()) {
      e.getKey().fail(HANDED_BACK, "the node " + nodeName + " stops");
      e.getValue().cancel("handed back");
    }
    return off;
  }

  private void fetch(Message<JsonObject> m) {
    JsonObject q = m.body();
    String runId = q.getString("run");
    Lent lent = runs.get(runId);
    if (lent == null && q.getJsonObject("lent") == null) {
      m.fail(NEED_JOB, "no job for run " + runId);
      return;
    }
    CrawlUrl url;
    try {
      if (lent == null) {
        JobSpec job = LentJob.read(q.getJsonObject("lent"), Path.of("").toAbsolutePath());
        lent = new Lent(job, new Extractor(job.extract()), job.follow() == null ? null
            : new LinkFinder(job.follow(), Scope.everywhere(), RobotsRules.agentToken(job.fetch().userAgent())));
        runs.put(runId, lent);
      }
      url = new CrawlUrl(q.getString("given"), WebUrl.parse(q.getString("url")), q.getInteger("depth", 0),
          q.getString("referrer"));
    } catch (RuntimeException e) {
      m.fail(500, "this node cannot fetch for run " + runId + ": " + e.getMessage());
      return;
    }
    JobSpec job = lent.job();
    FetchPolicy p = job.fetch();
    JsonObject headers = q.getJsonObject("headers");
    if (headers != null && !headers.isEmpty()) {
      Map<String, String> h = new LinkedHashMap<>();
      headers.forEach(e -> h.put(e.getKey(), String.valueOf(e.getValue())));
      p = p.withHeaders(h);
    }
    // each answer of a host is told to the run's owner too: its throttle paces the host for the whole cluster
    io.vertx.core.json.JsonArray heard = new io.vertx.core.json.JsonArray();
    Fetcher.Fetch fetch = s.fetcher().fetch(url.url(), p, () -> {
    }, gate(), (host, status, ms, retryAfter) -> {
      io.vertx.core.json.JsonArray h = new io.vertx.core.json.JsonArray().add(host).add(status).add(ms)
          .add(retryAfter);
      if (retryAfter >= 0 || status != null && (status == 429 || status == 503)) {
        s.vertx().eventBus().send(heardAt(q.getString("from")), h); // at once: the host's next URLs must wait
      } else {
        heard.add(h);
      }
      s.throttle().answered(host, status, ms, retryAfter);
    });
    underWay.put(m, fetch);
    hosts.merge(url.url().hostKey(), 1, Integer::sum);
    Lent job0 = lent;
    long queuedMs = q.getLong("queuedMs", 0L);
    fetch.result().onComplete(ar -> fetched(m, job0, runId, url, queuedMs, heard, ar));
  }

  private void fetched(Message<JsonObject> m, Lent lent, String runId, CrawlUrl url, long queuedMs,
                       io.vertx.core.json.JsonArray heard, AsyncResult<FetchResult> ar) {
    FetchResult f = ar.succeeded() ? ar.result() : FetchResult.notFetched(url.url().toString(),
        new FetchError(ErrorType.INTERNAL, Bugs.report("fetch", url.given(), ar.cause())));
    if (underWay.remove(m) == null) {
      f.release(); // handed back meanwhile
      return;
    }
    hosts.computeIfPresent(url.url().hostKey(), (k, n) -> n == 1 ? null : n - 1);
    String job = lent.job().name();
    boolean parse = f.ok() && f.body() != null && !f.notModified();
    if (!parse) {
      f.release(); // the parse stage gives a parsed body back itself
    }
    Future<ParseStage.Encoded> encoded = parse
        ? s.parse().process(f, lent.extractor(), lent.links(), url, lent.job().fetch().maxBodyBytes(),
            (fr, bytes, fields, type, message) -> Records.of(job, runId, url, queuedMs, fr, bytes, fields, type,
                message, true))
        : Future.succeededFuture(Records.encoded(Records.of(job, runId, url, queuedMs, f, f.bytes(), null,
            f.ok() ? null : f.error().type(), f.ok() ? null : f.error().getMessage(), true)));
    encoded.onComplete(p -> {
      done++;
      if (p.failed()) {
        m.fail(500, Bugs.report("parse", url.given(), p.cause()));
        return;
      }
      m.reply(new JsonObject().put("node", nodeName).put("epoch", m.body().getLong("epoch"))
          .put("fetch", Wire.fetch(f)).put("record", p.result().record().toJson())
          .put("links", Wire.links(p.result().links())).put("heard", heard));
    });
  }

  /** A redirect's next request: robots.txt of its host (this node's cache), then at once. */
  private StartGate gate() {
    return (target, policy) -> s.robots().check(target, policy).compose(v -> v.allowed()
        ? Future.succeededFuture((Slot) () -> {
        })
        : Future.failedFuture(new FetchError(ErrorType.ROBOTS, "redirect to " + target.shown() + " refused: "
            + v.reason())));
  }
}
