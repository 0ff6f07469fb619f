package dev.scraper.engine;

import dev.scraper.cluster.Wire;
import dev.scraper.fetch.FetchResult;
import dev.scraper.filter.FoundLinks;
import dev.scraper.frontier.CrawlUrl;
import dev.scraper.parse.ParseStage;
import dev.scraper.record.Record;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * One URL of a run of this node fetched by another node of the cluster ({@link Lending} there): what is sent, and
 * the answer as the run takes it, the record's {@code changed} decided here from the URL's last answer and the links
 * held to the run's scope here.
 */
final class Borrowed {
  private Borrowed() {
  }

  /** What came back: the fetch without its body, the record, the links (or null), the name of the node. */
  record Answer(FetchResult fetch, Record record, FoundLinks links, String node) {
    /** The record and links for the run (a 304 takes the last good answer's fields). */
    ParseStage.Encoded encoded(Run run, CrawlUrl url, long queuedMs, Changes.Last last) {
      Record r = fetch.notModified() && last != null ? Records.notModified(run, url, queuedMs, fetch, last)
          : Records.judged(record, last);
      return new ParseStage.Encoded(r, null, run.admissions().inScope(links));
    }
  }

  /** Sends {@code url} to the node of {@code lease}; fails when it cannot answer (the URL then goes elsewhere). */
  static Future<Answer> fetch(Stages s, Run run, Sharing.Lease lease, CrawlUrl url, long queuedMs,
                              Map<String, String> headers) {
    JsonObject q = new JsonObject().put("given", url.given()).put("url", url.url().toString())
        .put("depth", url.depth()).put("referrer", url.referrer()).put("queuedMs", queuedMs)
        .put("headers", new JsonObject(Map.copyOf(headers)));
    return s.sharing().send(lease, run, q).map(a -> {
      for (Object o : a.getJsonArray("heard", new io.vertx.core.json.JsonArray())) { // the host's pace is kept here
        io.vertx.core.json.JsonArray h = (io.vertx.core.json.JsonArray) o;
        s.throttle().answered(h.getString(0), h.getInteger(1), h.getLong(2), h.getLong(3));
      }
      Answer answer = new Answer(Wire.fetch(a.getJsonObject("fetch")), Wire.record(a.getJsonObject("record")),
          Wire.links(a.getJsonObject("links")), a.getString("node"));
      run.stats().fetchedBy(answer.node());
      return answer;
    });
  }
}
