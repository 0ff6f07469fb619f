package dev.scraper.record;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

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
 */
public record Record(String job, String run, String url, String finalUrl, Integer status, long latencyMs, long bytes,
                     String contentType, long fetchedAt, int attempts, int depth, String referrer, boolean changed,
                     JsonObject fields, String errorType, String errorMessage) {

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
        .put("error", error);
  }
}
