package dev.scraper.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * The values one node takes from its command line over the config's, so that several nodes run from the same
 * conf.json on one machine: {@code -Dscraper.http.port}, {@code -Dscraper.http.host} (over "http"'s port and host),
 * {@code -Dscraper.dataDir} and {@code -Dscraper.outputDir} (over "dataDir" and "outputDir", so each node keeps its
 * own state, outputs and lock files). Each is checked as the config's value is, and a problem names the property.
 * "http" is overridden only where the config has it: a property alone does not turn the management API on.
 */
public final class NodeOverrides {
  public static final String HTTP_PORT = "scraper.http.port";
  public static final String HTTP_HOST = "scraper.http.host";
  public static final String DATA_DIR = "scraper.dataDir";
  public static final String OUTPUT_DIR = "scraper.outputDir";
  /** Set by the jar when it runs with {@code -cluster}: then {@code "jobs": []} makes a node that only takes work. */
  public static final String CLUSTER = "scraper.cluster";

  private NodeOverrides() {
  }

  /** Whether this process runs in a cluster ({@code -cluster}, see {@link #CLUSTER}). */
  static boolean clustered() {
    return Boolean.getBoolean(CLUSTER);
  }

  /**
   * {@code root} with the properties found in {@code properties} applied (a copy when any is given; {@code root}
   * itself otherwise). An invalid value is recorded in {@code problems} and leaves the config's value as it is.
   */
  static JsonObject apply(JsonObject root, Path base, Properties properties, Problems problems) {
    if (List.of(HTTP_PORT, HTTP_HOST, DATA_DIR, OUTPUT_DIR).stream().noneMatch(properties::containsKey)) {
      return root;
    }
    JsonObject json = root.copy();
    JsonObject http = json.getValue("http") instanceof JsonObject h ? h : null;
    String port = properties.getProperty(HTTP_PORT);
    if (port != null && http != null) {
      Integer p = port(port.strip());
      if (p == null) {
        problems.add("-D" + HTTP_PORT, "must be a port number from 0 to 65535 (0: any free port), got '"
            + port + "'");
      } else {
        http.put("port", p);
      }
    }
    String host = properties.getProperty(HTTP_HOST);
    if (host != null && http != null) {
      if (host.isBlank()) {
        problems.add("-D" + HTTP_HOST, "must not be empty; give an address such as 127.0.0.1");
      } else {
        http.put("host", host.strip());
      }
    }
    directory(json, "dataDir", DATA_DIR, base, properties, problems);
    directory(json, "outputDir", OUTPUT_DIR, base, properties, problems);
    return json;
  }

  /**
   * The problem of a {@code -Dscraper.http.*} given to a config without "http" (the jar checks its config with
   * this; a job added through the API is read without "http" and is not checked).
   */
  public static List<String> withoutHttp(ScraperConfig config, Properties properties) {
    if (config.http() != null) {
      return List.of();
    }
    return List.of(HTTP_PORT, HTTP_HOST).stream().filter(properties::containsKey)
        .map(p -> "-D" + p + ": the config has no \"http\" (the management API) to override; add \"http\": {} "
            + "to the config to run the API, or leave the property out")
        .toList();
  }

  private static Integer port(String given) {
    if (!given.matches("\\d{1,5}")) {
      return null;
    }
    int p = Integer.parseInt(given);
    return p <= 65_535 ? p : null;
  }

  private static void directory(JsonObject json, String key, String property, Path base, Properties properties,
                                Problems problems) {
    String given = properties.getProperty(property);
    if (given == null) {
      return;
    }
    String path = "-D" + property;
    if (given.isBlank()) {
      problems.add(path, "must not be empty; give a directory such as " + key.replace("Dir", "") + "-2");
      return;
    }
    Path dir;
    try {
      dir = base.resolve(given.strip()).normalize();
    } catch (InvalidPathException e) {
      problems.add(path, "'" + given + "' is not a valid directory path (" + e.getReason() + ")");
      return;
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      problems.add(path, "'" + dir + "' is not a directory; give a directory such as " + key.replace("Dir", "") + "-2");
      return;
    }
    json.put(key, dir.toString());
  }
}
