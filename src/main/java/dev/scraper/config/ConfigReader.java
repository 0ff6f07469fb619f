package dev.scraper.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the JSON of conf.json into a validated {@link ScraperConfig}, with every default applied.
 *
 * <p>Reading is pure: it needs no Vert.x instance and only looks at the file system to check "urlsFile" and the
 * output paths. It collects every problem, then throws one {@link ConfigException} listing them in config order,
 * each as {@code <json path>: <what is wrong and how to fix it>}. Unknown keys, wrong types and keys this release
 * does not support yet are all rejected; every CSS selector is compiled. The node's own values given as system
 * properties ({@link NodeOverrides}) are applied first, so that a reload or a job added later sees them too.
 */
public final class ConfigReader {
  private static final String JOB_EXAMPLE = "{\"name\": \"books\", \"urls\": [\"http://127.0.0.1:8080/\"], "
      + "\"extract\": {\"title\": \"h1\"}, \"output\": {\"path\": \"out/books.jsonl\"}}";

  private ConfigReader() {
  }

  /**
   * Reads and validates a config.
   *
   * @param json the config root
   * @param workDir the directory relative paths ("outputDir", "urlsFile") are resolved against
   * @return the validated config
   * @throws ConfigException listing every problem found
   */
  public static ScraperConfig read(JsonObject json, Path workDir) throws ConfigException {
    return read(json, workDir, Runtime.getRuntime().maxMemory());
  }

  /**
   * As {@link #read(JsonObject, Path)}, for a JVM whose largest heap is {@code maxHeapBytes} (the memory budget is
   * checked against it).
   */
  public static ScraperConfig read(JsonObject json, Path workDir, long maxHeapBytes) throws ConfigException {
    Objects.requireNonNull(json, "json");
    Path base = workDir.toAbsolutePath().normalize();
    Problems overrideProblems = new Problems(); // -Dscraper.dataDir and the like, over the config's values
    json = NodeOverrides.apply(json, base, System.getProperties(), overrideProblems);
    // "defaults" and "outputDir" are needed by every job, wherever they appear; their problems are reported in place.
    Problems defaultsProblems = new Problems();
    Map<String, Object> defaults = defaults(json.getValue("defaults"), base, defaultsProblems);
    Problems outputDirProblems = new Problems();
    Path outputDir = outputDir(json.getValue("outputDir"), base, outputDirProblems);
    Problems budgetProblems = new Problems();
    MemoryLimits memory = MemoryLimits.read(json.getValue("memoryBudgetBytes"), maxHeapBytes, budgetProblems);

    Problems httpProblems = new Problems();
    HttpSpec http = HttpReader.read(json, base, httpProblems);
    boolean apiOn = http != null || !httpProblems.isEmpty();
    Problems problems = new Problems();
    problems.addAll(overrideProblems);
    boolean quiet = Defaults.QUIET;
    boolean fresh = Defaults.FRESH;
    Path dataDir = null;
    long grace = Defaults.SHUTDOWN_GRACE_MS;
    String logFormat = Defaults.LOG_FORMAT;
    List<JobSpec> jobs = List.of();
    for (String key : json.fieldNames()) {
      Object value = json.getValue(key);
      switch (key) {
        case "defaults" -> problems.addAll(defaultsProblems);
        case "outputDir" -> problems.addAll(outputDirProblems);
        case "memoryBudgetBytes" -> problems.addAll(budgetProblems);
        case "quiet" -> quiet = Boolean.TRUE.equals(Values.bool(value, key, problems));
        case "jobs" -> jobs = jobs(value, new JobReader(base, outputDir, defaults, json.getValue("defaults"), memory,
            problems), apiOn || NodeOverrides.clustered(), problems); // a cluster node may only take others' work
        case "http" -> problems.addAll(httpProblems); // with "http", jobs may come through the API instead
        case "dataDir" -> dataDir = dataDir(value, base, problems);
        case "fresh" -> fresh = Boolean.TRUE.equals(Values.bool(value, key, problems));
        case "shutdownGraceMs" -> grace = Objects.requireNonNullElse(Values.integer(value, 0,
            Defaults.MAX_SHUTDOWN_GRACE_MS, key, problems), grace);
        case "logFormat" -> logFormat = logFormat(value, problems);
        default -> Keys.unknown("", key, Keys.ROOT, problems);
      }
    }
    if (dataDir != null && problems.isEmpty()) {
      onlyChangedWithoutDataDir(jobs, problems);
    }
    if (json.getValue("jobs") == null && !apiOn) {
      problems.add("jobs", "required: give at least one job, e.g. " + JOB_EXAMPLE
          + (NodeOverrides.clustered() ? ", or \"jobs\": [] for a node that only works for the cluster" : ""));
    }
    problems.throwIfAny();
    return new ScraperConfig(jobs, outputDir, quiet, memory.budgetBytes(), dataDir, fresh, http, grace,
        "json".equals(logFormat));
  }

  /** A run that resumes from dataDir settles each URL by writing its record: every record must be written. */
  private static void onlyChangedWithoutDataDir(List<JobSpec> jobs, Problems problems) {
    for (int i = 0; i < jobs.size(); i++) {
      if (jobs.get(i).output() != null && jobs.get(i).output().onlyChanged()) {
        problems.add("jobs[" + i + "].output.onlyChanged", "cannot be used with dataDir (a resumed run must write "
            + "every record); remove dataDir, or set false or remove this key");
      }
    }
  }

  private static Map<String, Object> defaults(Object value, Path base, Problems problems) {
    Map<String, Object> settings = new LinkedHashMap<>();
    if (value == null) {
      return settings;
    }
    JsonObject json = Values.object(value, "defaults", "{\"concurrency\": 16}", problems);
    if (json == null) {
      return settings;
    }
    for (String key : json.fieldNames()) {
      if (Keys.FETCH.contains(key)) {
        FetchReader.read(key, json.getValue(key), Values.child("defaults", key), settings, base, problems);
      } else {
        Keys.unknown("defaults", key, Keys.FETCH, problems);
      }
    }
    return settings;
  }

  /** "text" or "json"; the default when the value is invalid (problem recorded). */
  private static String logFormat(Object value, Problems problems) {
    if ("text".equals(value) || "json".equals(value)) {
      return (String) value;
    }
    problems.add("logFormat", "must be \"text\" (lines for people) or \"json\" (a JSON object a line, for a log"
        + " collector), got " + Values.show(value));
    return Defaults.LOG_FORMAT;
  }

  /** The absolute output directory, or null when the value is invalid. */
  private static Path outputDir(Object value, Path base, Problems problems) {
    String given = value == null ? Defaults.OUTPUT_DIR : Values.nonBlank(value, "outputDir", "out", problems);
    return directory("outputDir", given, base, "give a directory such as \"out\"", problems);
  }

  /** The absolute state directory, or null when absent (nothing kept on disk) or invalid. */
  private static Path dataDir(Object value, Path base, Problems problems) {
    String given = value == null ? null : Values.nonBlank(value, "dataDir", "data", problems);
    return directory("dataDir", given, base,
        "give a directory such as \"data\", or remove the key to keep nothing on disk", problems);
  }

  /** {@code given} resolved against {@code base}: a directory or nothing yet; null (problem recorded) otherwise. */
  private static Path directory(String key, String given, Path base, String advice, Problems problems) {
    if (given == null) {
      return null;
    }
    Path dir;
    try {
      dir = base.resolve(given).normalize();
    } catch (InvalidPathException e) {
      problems.add(key, "'" + given + "' is not a valid directory path (" + e.getReason() + ")");
      return null;
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      problems.add(key, "'" + dir + "' is not a directory; " + advice);
      return null;
    }
    return dir;
  }

  private static List<JobSpec> jobs(Object value, JobReader reader, boolean mayBeEmpty,
                                    Problems problems) {
    if (value == null) {
      return List.of();
    }
    JsonArray array = Values.array(value, "jobs", "[" + JOB_EXAMPLE + "]", problems);
    if (array == null) {
      return List.of();
    }
    if (array.isEmpty() && !mayBeEmpty) {
      problems.add("jobs", "required: give at least one job, e.g. " + JOB_EXAMPLE);
    }
    List<JobSpec> jobs = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JobSpec job = reader.read(array.getValue(i), Values.element("jobs", i));
      if (job != null) {
        jobs.add(job);
      }
    }
    return jobs;
  }
}
