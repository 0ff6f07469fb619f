package dev.scraper.fetch;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a response said about its version, for the next conditional request of the same URL.
 *
 * @param etag the ETag header, or null
 * @param lastModified the Last-Modified header, or null
 */
public record Validators(String etag, String lastModified) {
  /** The validators of a response, or null when it has neither (or there is no response). */
  static Validators of(HttpResponse<Buffer> r) {
    if (r == null) {
      return null;
    }
    String etag = r.getHeader("ETag");
    String modified = r.getHeader("Last-Modified");
    return etag == null && modified == null ? null : new Validators(etag, modified);
  }

  /** The conditional request headers they give: If-None-Match and/or If-Modified-Since. */
  public Map<String, String> headers() {
    Map<String, String> h = new LinkedHashMap<>();
    if (etag != null) {
      h.put("If-None-Match", etag);
    }
    if (lastModified != null) {
      h.put("If-Modified-Since", lastModified);
    }
    return h;
  }
}
