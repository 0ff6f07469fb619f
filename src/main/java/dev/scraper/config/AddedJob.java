package dev.scraper.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A job added while the process runs (the management API's {@code POST /jobs}): read by {@link ConfigReader} as the
 * one job of the running config, so it gets the same defaults, the same checks, the same messages and the same
 * output directory. Its problems name the job's own fields ({@code output.path}, not {@code jobs[0].output.path}).
 */
public final class AddedJob {
  private static final String PREFIX = "jobs[0]";

  private AddedJob() {
  }

  /**
   * The job given as JSON, validated.
   *
   * @throws ConfigException listing every problem, each naming the field
   */
  public static JobSpec read(JsonObject job, HttpSpec http) throws ConfigException {
    JsonObject root = http.base().put("jobs", new JsonArray().add(job));
    try {
      JobSpec spec = ConfigReader.read(root, http.workDir()).jobs().get(0);
      if (spec.readsStdin()) {
        throw new ConfigException("urlsFile: \"-\" (stdin) is the terminal of the process, not of this request; "
            + "give a file such as \"urls.txt\", or \"urls\"");
      }
      return spec;
    } catch (ConfigException e) {
      List<String> own = new ArrayList<>();
      for (String p : e.problems()) {
        own.add(p.startsWith(PREFIX + ".") ? p.substring(PREFIX.length() + 1)
            : p.startsWith(PREFIX + ":") ? "job" + p.substring(PREFIX.length()) : p);
      }
      throw new ConfigException(own);
    }
  }
}
