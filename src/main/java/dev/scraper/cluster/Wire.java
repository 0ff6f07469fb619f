package dev.scraper.cluster;

import dev.scraper.fetch.FetchError;
import dev.scraper.fetch.FetchResult;
import dev.scraper.fetch.Validators;
import dev.scraper.filter.FoundLinks;
import dev.scraper.frontier.CrawlUrl;
import dev.scraper.record.ErrorType;
import dev.scraper.record.Record;
import dev.scraper.record.Redirect;
import dev.scraper.record.Timings;
import dev.scraper.url.WebUrl;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a URL's outcome crosses the event bus from the node that fetched it to the run's owner: the fetch without its
 * body (what the owner's frontier, counters and change state need), the record, and the links found. Pure.
 */
public final class Wire {
  private Wire() {
  }

  /** The fetch, body left out. */
  public static JsonObject fetch(FetchResult f) {
    JsonArray redirects = new JsonArray();
    f.redirects().forEach(r -> redirects.add(r.toJson()));
    return new JsonObject().put("url", f.url()).put("finalUrl", f.finalUrl()).put("status", f.status())
        .put("latencyMs", f.latencyMs()).put("bytes", f.bytes()).put("contentType", f.contentType())
        .put("contentEncoding", f.contentEncoding()).put("fetchedAt", f.fetchedAt()).put("attempts", f.attempts())
        .put("errorType", f.error() == null ? null : f.error().type().wire())
        .put("errorMessage", f.error() == null ? null : f.error().getMessage())
        .put("retryReasons", new JsonArray(new ArrayList<>(f.retryReasons()))).put("location", f.location())
        .put("redirects", redirects).put("connectMs", f.connectMs()).put("ttfbMs", f.ttfbMs())
        .put("totalMs", f.totalMs()).put("robotsTag", f.robotsTag())
        .put("etag", f.validators() == null ? null : f.validators().etag())
        .put("lastModified", f.validators() == null ? null : f.validators().lastModified());
  }

  /** A fetch as {@link #fetch(FetchResult)} wrote it: no body, nothing charged to this node's memory budget. */
  public static FetchResult fetch(JsonObject j) {
    String type = j.getString("errorType");
    FetchError error = type == null ? null : new FetchError(errorType(type), j.getString("errorMessage"));
    List<String> reasons = new ArrayList<>();
    j.getJsonArray("retryReasons", new JsonArray()).forEach(r -> reasons.add((String) r));
    String etag = j.getString("etag");
    String lastModified = j.getString("lastModified");
    return new FetchResult(j.getString("url"), j.getString("finalUrl"), j.getInteger("status"),
        j.getLong("latencyMs", 0L), null, j.getLong("bytes", 0L), j.getString("contentType"),
        j.getString("contentEncoding"), j.getLong("fetchedAt", 0L), j.getInteger("attempts", 0), error, reasons, null,
        j.getString("location"), redirects(j.getJsonArray("redirects")), j.getLong("connectMs"),
        j.getLong("ttfbMs"), j.getLong("totalMs", 0L), j.getString("robotsTag"),
        etag == null && lastModified == null ? null : new Validators(etag, lastModified));
  }

  /** A record as {@link Record#toJson()} wrote it. */
  public static Record record(JsonObject j) {
    JsonObject error = j.getJsonObject("error");
    JsonObject t = j.getJsonObject("timings");
    Timings timings = t == null ? null : new Timings(t.getLong("queuedMs", 0L), t.getLong("connectMs"),
        t.getLong("ttfbMs"), t.getLong("totalMs", 0L));
    return new Record(j.getString("job"), j.getString("run"), j.getString("url"), j.getString("finalUrl"),
        j.getInteger("status"), j.getLong("latencyMs", 0L), j.getLong("bytes", 0L), j.getString("contentType"),
        Instant.parse(j.getString("fetchedAt")).toEpochMilli(), j.getInteger("attempts", 0),
        j.getInteger("depth", 0), j.getString("referrer"), j.getBoolean("changed", true),
        j.getJsonObject("fields", new JsonObject()), error == null ? null : error.getString("type"),
        error == null ? null : error.getString("message"), j.getString("location"),
        redirects(j.getJsonArray("redirects")), timings);
  }

  /** The links of a page, or null for none (a page not parsed). */
  public static JsonObject links(FoundLinks links) {
    if (links == null) {
      return null;
    }
    JsonArray urls = new JsonArray();
    for (CrawlUrl u : links.urls()) {
      urls.add(new JsonArray().add(u.given()).add(u.url().toString()).add(u.depth()).add(u.referrer()));
    }
    return new JsonObject().put("urls", urls).put("dropped", new JsonObject(new LinkedHashMap<>(links.dropped())))
        .put("noindex", links.noindex()).put("canonical", links.canonical());
  }

  /** Links as {@link #links(FoundLinks)} wrote them (each URL normalised there already). */
  public static FoundLinks links(JsonObject j) {
    if (j == null) {
      return null;
    }
    List<CrawlUrl> urls = new ArrayList<>();
    for (Object o : j.getJsonArray("urls", new JsonArray())) {
      JsonArray u = (JsonArray) o;
      urls.add(new CrawlUrl(u.getString(0), WebUrl.parse(u.getString(1)), u.getInteger(2), u.getString(3)));
    }
    Map<String, Integer> dropped = new LinkedHashMap<>();
    j.getJsonObject("dropped", new JsonObject()).forEach(e -> dropped.put(e.getKey(), ((Number) e.getValue())
        .intValue()));
    return new FoundLinks(urls, dropped, j.getBoolean("noindex", false), j.getString("canonical"));
  }

  private static List<Redirect> redirects(JsonArray a) {
    List<Redirect> out = new ArrayList<>();
    if (a != null) {
      for (Object o : a) {
        JsonObject r = (JsonObject) o;
        out.add(new Redirect(r.getString("url"), r.getInteger("status")));
      }
    }
    return out;
  }

  private static ErrorType errorType(String wire) {
    for (ErrorType t : ErrorType.values()) {
      if (t.wire().equals(wire)) {
        return t;
      }
    }
    return ErrorType.INTERNAL;
  }
}
