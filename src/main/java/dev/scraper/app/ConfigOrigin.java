package dev.scraper.app;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * Where the running config came from, for a reload to read it again.
 *
 * @param file the {@code -conf} value when it is a file path; null when the config was inline JSON or the quick form
 *     (nothing to read again)
 * @param workDir the directory relative paths are resolved against
 * @param json the JSON the running config was read from
 */
record ConfigOrigin(String file, Path workDir, JsonObject json) {
  /** The origin of a {@code -conf} value (a path, or inline JSON when it starts with a brace). */
  static ConfigOrigin of(String confArg, Path workDir, JsonObject json) {
    String trimmed = confArg == null ? "" : confArg.trim();
    boolean inline = trimmed.isEmpty() || trimmed.startsWith("{") || trimmed.startsWith("[");
    return new ConfigOrigin(inline ? null : confArg, workDir, json);
  }
}
