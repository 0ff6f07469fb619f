package dev.scraper.config;

import dev.scraper.schedule.Schedule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the jobs of one config, in order. Holds what jobs must not share: names and output files.
 */
final class JobReader {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

  private final Path workDir;
  private final Path outputDir;
  private final Map<String, Object> defaults;
  /** "defaults" as given (for {@link LentJob}), or null. */
  private final Object rawDefaults;
  private final MemoryLimits memory;
  private final Problems problems;
  private final Map<String, String> names = new HashMap<>();
  private final Map<Path, String> outputs = new HashMap<>();
  /** The JSON path of the job that reads stdin ("urlsFile": "-"), once one does. */
  private String stdinReader;

  /**
   * @param workDir absolute directory that "urlsFile" is relative to
   * @param outputDir absolute output directory, or null when "outputDir" is invalid
   * @param defaults the valid fetch settings of "defaults"
   * @param rawDefaults "defaults" as given
   * @param memory the memory budget each job's maxBodyBytes must fit
   */
  JobReader(Path workDir, Path outputDir, Map<String, Object> defaults, Object rawDefaults, MemoryLimits memory,
            Problems problems) {
    this.workDir = workDir;
    this.rawDefaults = rawDefaults;
    this.outputDir = outputDir;
    this.defaults = defaults;
    this.memory = memory;
    this.problems = problems;
  }

  /** The job at {@code path}, or null when it is invalid (each problem recorded). */
  JobSpec read(Object value, String path) {
    JsonObject json = Values.object(value, path, "{\"name\": \"books\", \"urls\": [...], \"output\": {...}}", problems);
    if (json == null) {
      return null;
    }
    int before = problems.size();
    String name = null;
    List<String> urls = List.of();
    Path urlsFile = null;
    Map<String, FieldSpec> extract = Map.of();
    OutputSpec output = null;
    FollowSpec follow = null;
    List<String> sitemaps = List.of();
    Boolean sitemapFromRobots = null;
    Map<String, Object> fetch = new LinkedHashMap<>();
    Schedule schedule = null;
    Long maxRunMs = Defaults.MAX_RUN_MS;
    String webhook = null;
    for (String key : json.fieldNames()) {
      String keyPath = Values.child(path, key);
      Object v = json.getValue(key);
      switch (key) {
        case "name" -> name = name(v, keyPath);
        case "urls" -> urls = urls(v, keyPath);
        case "urlsFile" -> urlsFile = urlsFile(v, keyPath);
        case "extract" -> extract = ExtractReader.read(v, keyPath, problems);
        case "output" -> output = OutputReader.read(v, keyPath, outputDir, outputs, problems);
        case "sitemap" -> sitemaps = SitemapReader.urls(v, keyPath, problems);
        case "sitemapFromRobots" -> sitemapFromRobots = Values.bool(v, keyPath, problems);
        case "follow" -> follow = FollowReader.read(v, keyPath, problems);
        case "schedule" -> schedule = ScheduleReader.read(v, keyPath, problems);
        case "maxRunMs" -> maxRunMs = ScheduleReader.maxRunMs(v, keyPath, problems);
        case "notify" -> webhook = NotifyReader.webhook(v, keyPath, problems);
        default -> {
          if (Keys.FETCH.contains(key)) {
            FetchReader.read(key, v, keyPath, fetch, workDir, problems);
          } else {
            Keys.unknown(path, key, Keys.JOB, problems);
          }
        }
      }
    }
    if (!json.containsKey("name")) {
      problems.add(Values.child(path, "name"), "required; give the job a unique name such as \"books\"");
    }
    boolean hasUrls = json.getValue("urls") instanceof JsonArray a && !a.isEmpty();
    boolean hasSitemap = json.getValue("sitemap") instanceof String
        || json.getValue("sitemap") instanceof JsonArray list && !list.isEmpty();
    if (!hasUrls && !hasSitemap && !json.containsKey("urlsFile") && (!json.containsKey("urls") || urls != null)
        && sitemaps != null) {
      problems.add(path, "no URLs: give \"urls\", \"urlsFile\" or \"sitemap\"");
    }
    SitemapSpec sitemap = sitemaps == null ? null
        : SitemapReader.spec(sitemaps, sitemapFromRobots, hasUrls, path, problems);
    if (!json.containsKey("output")) {
      problems.add(Values.child(path, "output"), "required; give where records go, such as " 
          + "{\"path\": \"out/" + (name == null ? "books" : name) + ".jsonl\"}");
    }
    if (schedule != null && JobSpec.STDIN.equals(urlsFile)) {
      problems.add(Values.child(path, "schedule"), "a scheduled job cannot read its URLs from stdin (\"urlsFile\": "
          + "\"-\"): the second run would find it empty; give a file such as \"urls.txt\"");
    }
    FetchPolicy policy = problems.size() == before ? FetchReader.policy(defaults, fetch) : null;
    if (policy != null && policy.head() && !extract.isEmpty()) {
      problems.add(fetch.containsKey("method") ? Values.child(path, "method") : "defaults.method",
          "HEAD fetches no body, so nothing can be extracted; remove \"extract\" from this job or use \"GET\"");
    }
    if (policy != null) {
      memory.checkBody(policy.maxBodyBytes(), fetch.containsKey("maxBodyBytes") ? Values.child(path, "maxBodyBytes")
          : "defaults.maxBodyBytes", problems);
    }
    if (problems.size() != before) {
      return null;
    }
    return new JobSpec(name, urls, urlsFile, extract, output, policy, follow, sitemap, schedule, maxRunMs, webhook,
        LentJob.source(rawDefaults, json));
  }

  private String name(Object value, String path) {
    String name = Values.string(value, path, problems);
    if (name == null) {
      return null;
    }
    if (!NAME.matcher(name).matches()) {
      String example = name.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
      problems.add(path, "'" + name + "' may only contain letters, digits, '_' and '-'; use a name such as \""
          + (example.isEmpty() ? "books" : example) + "\"");
      return null;
    }
    String other = names.putIfAbsent(name, path);
    if (other != null) {
      problems.add(path, "duplicate job name '" + name + "' (also " + other + "); job names must be unique");
      return null;
    }
    return name;
  }

  private List<String> urls(Object value, String path) {
    JsonArray array = Values.array(value, path, "[\"http://127.0.0.1:8080/\"]", problems);
    if (array == null) {
      return null;
    }
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String elementPath = Values.element(path, i);
      String given = Values.string(array.getValue(i), elementPath, problems);
      String url = given == null ? null : UrlCheck.check(given, elementPath, problems);
      if (url != null) {
        urls.add(url);
      }
    }
    return urls;
  }

  private Path urlsFile(Object value, String path) {
    String given = Values.nonBlank(value, path, "urls.txt", problems);
    if (given == null) {
      return null;
    }
    if (given.equals("-")) { // stdin: one job only, as the first would take every line
      if (stdinReader != null) {
        problems.add(path, "\"-\" (stdin) is already read by " + stdinReader + "; only one job may read stdin; "
            + "give this job a file such as \"urls.txt\"");
        return null;
      }
      stdinReader = path;
      return JobSpec.STDIN;
    }
    Path file;
    try {
      file = workDir.resolve(given).normalize();
    } catch (InvalidPathException e) {
      problems.add(path, "'" + given + "' is not a valid file path (" + e.getReason() + ")");
      return null;
    }
    String why = Files.isDirectory(file) ? "it is a directory"
        : !Files.exists(file) ? "no such file"
        : !Files.isRegularFile(file) && !isPipe(file) ? "not a regular file or a named pipe"
        : !Files.isReadable(file) ? "permission denied"
        : null;
    if (why != null) {
      problems.add(path, "cannot read '" + file + "': " + why);
      return null;
    }
    return file;
  }

  /** A named pipe (mkfifo) is a list that another process writes while the run goes on. */
  private static boolean isPipe(Path file) {
    try {
      return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).isOther();
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
