package dev.scraper.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * The management API of a long-running process ("http" in conf.json): where it listens and the token it asks for.
 *
 * @param host the address to bind (127.0.0.1 unless told)
 * @param port the TCP port; 0 takes a free one (printed at start)
 * @param token the bearer token every endpoint but /health asks for, or null for none
 * @param base the config's root without "jobs" and "http": jobs added through the API are read against it, so they
 *     get the same defaults, outputDir and checks as the config's own
 * @param workDir the directory relative paths of those jobs are resolved against
 */
public record HttpSpec(String host, int port, String token, JsonObject base, Path workDir) {
  public HttpSpec {
    base = base.copy();
  }

  /** A copy of the root JSON that jobs added at run time are read against. */
  @Override
  public JsonObject base() {
    return base.copy();
  }
}
