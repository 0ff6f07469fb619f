package dev.scraper.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What a node of a cluster needs to fetch and parse URLs of a job another node runs: the job's fetch settings (with
 * "defaults" as given), its fields and its link rules, as a config of its own. Where the URLs come from, where
 * records go and when the job runs stay with the run's owner: the view names one placeholder URL (never fetched) and
 * an output that is never opened, so that the lending node reads it with the same {@link ConfigReader} checks.
 */
public final class LentJob {
  /** The job's keys a lending node uses besides the fetch settings. */
  private static final Set<String> KEPT = Set.of("name", "extract", "follow");

  private LentJob() {
  }

  /** {@code job} (valid) under {@code defaults} as given (or null), as a config of one job: a job's source. */
  static JsonObject source(Object defaults, JsonObject job) {
    JsonObject config = new JsonObject().put("jobs", new JsonArray().add(job.copy()));
    if (defaults != null) {
      config.put("defaults", defaults);
    }
    return config;
  }

  /** The lent view of a job's {@code source} (see {@link JobSpec#source()}). */
  public static JsonObject of(JsonObject source) {
    JsonObject job = source.getJsonArray("jobs").getJsonObject(0);
    Object defaults = source.getValue("defaults");
    JsonObject view = new JsonObject();
    for (String key : job.fieldNames()) {
      if (KEPT.contains(key) || Keys.FETCH.contains(key)) {
        view.put(key, job.getValue(key));
      }
    }
    String name = job.getString("name");
    view.put("urls", new JsonArray().add("http://127.0.0.1/")).put("output", new JsonObject()
        .put("path", name + ".jsonl"));
    JsonObject config = new JsonObject().put("jobs", new JsonArray().add(view));
    if (defaults != null) {
      config.put("defaults", defaults);
    }
    return config;
  }

  /**
   * The job of a source or lent view, read as a config in {@code workDir} (where the files it names, such as a CA bundle, are
   * found: nodes of one cluster share their config files' paths).
   *
   * @throws ConfigException when this node cannot read it (a file it names is missing here)
   */
  public static JobSpec read(JsonObject lent, Path workDir) {
    List<JobSpec> jobs = ConfigReader.read(lent, workDir).jobs();
    return jobs.get(0);
  }
}
