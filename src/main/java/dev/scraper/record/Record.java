package dev.scraper.record;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one URL in one run, in the shape of the user contract. Plain data: {@link #toJson()} gives the
 * JSON line, which can also cross the event bus.
 *
 * @param job job name
 * @param run run id
 * @param url the URL as given
 * @param finalUrl after redirects
 * @param status final HTTP status, or null
 * @param latencyMs request start to last body byte
 * @param bytes body bytes after decompression (as received when the body was not decoded: error records)
 * @param contentType the Content-Type header, or null
 * @param fetchedAt epoch millis when the fetch ended
 * @param attempts attempts made (0 when nothing was fetched)
 * @param depth link depth (0 for given URLs)
 * @param referrer the page the URL was found on, or null
 * @param changed whether the fields differ from the last run
 * @param fields extracted fields ({} on error)
 * @param errorType error type name, or null
 * @param errorMessage error message, or null
 * @param location where a 3xx answer that was not followed points (absolute), or null
 * @param redirects the redirects followed in the final attempt, in order (empty when none)
 * @param timings where the time went, or null when the URL was never queued (an invalid line)
 */
public record Record(String job, String run, String url, String finalUrl, Integer status, long latencyMs, long bytes,
                     String contentType, long fetchedAt, int attempts, int depth, String referrer, boolean changed,
                     JsonObject fields, String errorType, String errorMessage, String location,
                     List<Redirect> redirects, Timings timings) {
  public Record {
    redirects = redirects == null ? List.of() : List.copyOf(redirects);
  }

  /** A record without location, redirects and timings (tools and tests). */
  public Record(String job, String run, String url, String finalUrl, Integer status, long latencyMs, long bytes,
                String contentType, long fetchedAt, int attempts, int depth, String referrer, boolean changed,
                JsonObject fields, String errorType, String errorMessage) {
    this(job, run, url, finalUrl, status, latencyMs, bytes, contentType, fetchedAt, attempts, depth, referrer,
        changed, fields, errorType, errorMessage, null, List.of(), null);
  }

  public boolean ok() {
    return errorType == null;
  }

  public JsonObject toJson() {
    JsonObject error = errorType == null ? null
        : new JsonObject().put("type", errorType).put("message", errorMessage);
    return new JsonObject()
        .put("job", job)
        .put("run", run)
        .put("url", url)
        .put("finalUrl", finalUrl)
        .put("status", status)
        .put("latencyMs", latencyMs)
        .put("bytes", bytes)
        .put("contentType", contentType)
        .put("fetchedAt", Instant.ofEpochMilli(fetchedAt).toString())
        .put("attempts", attempts)
        .put("depth", depth)
        .put("referrer", referrer)
        .put("changed", changed)
        .put("fields", fields == null ? new JsonObject() : fields)
        .put("error", error)
        .put("location", location)
        .put("redirects", redirectsJson())
        .put("timings", timings == null ? null : timings.toJson());
  }

  private JsonArray redirectsJson() {
    JsonArray out = new JsonArray();
    for (Redirect r : redirects) {
      out.add(r.toJson());
    }
    return out;
  }
}
