package dev.scraper.cluster;

import io.vertx.core.json.JsonObject;

/**
 * One node as the others see it: who it is, which scraper it runs, where its management API listens, when it joined,
 * and its load a moment ago. Kept as a JSON string in the cluster map {@value NodeRegistry#MAP}, so that any scraper
 * version can read any other's entry (and say why it refuses to join).
 *
 * @param api the management API's address ({@code http://host:port}), or null when the node has none
 * @param joinedAt when the node joined, ISO-8601
 * @param pagesPerSecond URLs done per second over about the last {@link PageRate#WINDOW_MS} ms
 */
public record NodeStatus(String name, String id, String version, String api, String joinedAt, int hosts,
                         int inFlight, double pagesPerSecond, long pagesDone) {

  /** The node as {@code GET /nodes} shows it; {@code self}: whether it is the node that answers. */
  public JsonObject toJson(boolean self) {
    return new JsonObject().put("name", name).put("id", id).put("version", version).put("self", self)
        .put("api", api).put("hosts", hosts).put("inFlight", inFlight)
        .put("pagesPerSecond", Math.round(pagesPerSecond * 100) / 100.0).put("pagesDone", pagesDone)
        .put("joinedAt", joinedAt);
  }

  /** Reads an entry of the map; fields a node of another version did not write are null or 0. */
  static NodeStatus fromJson(String id, String encoded) {
    JsonObject json;
    try {
      json = new JsonObject(encoded);
    } catch (RuntimeException e) {
      json = new JsonObject();
    }
    return new NodeStatus(json.getString("name", id), id, json.getString("version", "unknown"),
        json.getString("api"), json.getString("joinedAt"), number(json, "hosts").intValue(),
        number(json, "inFlight").intValue(), number(json, "pagesPerSecond").doubleValue(),
        number(json, "pagesDone").longValue());
  }

  private static Number number(JsonObject json, String key) {
    return json.getValue(key) instanceof Number n ? n : 0;
  }
}
