package dev.scraper.record;

import io.vertx.core.json.JsonObject;

/**
 * One followed redirect of a URL's final attempt.
 *
 * @param url the URL that answered with the redirect (its password, if any, shown as {@code ***})
 * @param status the redirect status (301, 302, 303, 307, 308)
 */
public record Redirect(String url, int status) {
  public JsonObject toJson() {
    return new JsonObject().put("url", url).put("status", status);
  }
}
