package dev.scraper.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The quick form: a one-job run from command-line options, with no config file. It becomes a config JSON that the
 * config reader validates like any other; its problems are then named after the options ({@code --concurrency:
 * must be an integer from 1 to 10000, got 0}). Records go to the file of {@code -o}, else to stdout.
 */
final class QuickForm {
  /** The job's name in records and in the summary. */
  static final String JOB = "cli";
  private static final List<String> VALUED = List.of("--url", "--extract", "--concurrency", "--timeout-ms", "-o",
      "--output");
  private static final List<String> FLAGS = List.of("--no-follow", "--no-robots");
  private static final Pattern URL = Pattern.compile("(?i)https?://.*");
  private static final Pattern NUMBER = Pattern.compile("-?\\d{1,18}");
  private static final Pattern ATTR = Pattern.compile("(?i)(abs:)?[a-z_:][-a-z0-9_:.]*");
  /** Config path prefixes and the option each comes from, for messages. */
  private static final String[][] OPTION_OF = {
      {"jobs[0].urls[", "--url"}, {"jobs[0].extract", "--extract"}, {"jobs[0].concurrency", "--concurrency"},
      {"jobs[0].timeoutMs", "--timeout-ms"}, {"jobs[0].output.path", "-o"}, {"outputDir", "-o"}};

  private final List<String> urls = new ArrayList<>();
  private final Map<String, Object> extract = new LinkedHashMap<>();
  private boolean stdin;
  private Object concurrency;
  private Object timeoutMs;
  private boolean noFollow;
  private boolean noRobots;
  private String output;
  private String first;

  static boolean takesValue(String name) {
    return VALUED.contains(name);
  }

  static boolean isFlag(String name) {
    return FLAGS.contains(name);
  }

  /** An argument given bare that is a URL to fetch. */
  static boolean looksLikeUrl(String arg) {
    return URL.matcher(arg).matches();
  }

  /** Takes one option ({@code value} null for a flag). */
  void option(String name, String value) {
    if (first == null) {
      first = name.equals("--url") && !value.equals("-") ? "a URL" : name;
    }
    switch (name.toLowerCase(Locale.ROOT)) {
      case "--url" -> {
        if (value.equals("-")) {
          stdin = true;
        } else {
          urls.add(value);
        }
      }
      case "--extract" -> field(value);
      case "--concurrency" -> concurrency = number(value);
      case "--timeout-ms" -> timeoutMs = number(value);
      case "--no-follow" -> noFollow = true;
      case "--no-robots" -> noRobots = true;
      default -> output = value; // -o, --output
    }
  }

  /** {@code NAME=CSS} or {@code NAME=CSS@ATTR}. */
  private void field(String spec) {
    int eq = spec.indexOf('=');
    if (eq < 0) {
      throw new Cli.UsageException("--extract '" + spec + "': give NAME=CSS, such as title=h1 (or NAME=CSS@ATTR,"
          + " such as link=a@abs:href)");
    }
    String name = spec.substring(0, eq);
    String css = spec.substring(eq + 1);
    int at = css.lastIndexOf('@');
    if (at > 0 && ATTR.matcher(css.substring(at + 1)).matches()) {
      extract.put(name, new JsonObject().put("css", css.substring(0, at)).put("attr", css.substring(at + 1)));
    } else {
      extract.put(name, css);
    }
  }

  private static Object number(String value) {
    String v = value.strip();
    return NUMBER.matcher(v).matches() ? (Object) Long.parseLong(v) : value;
  }

  /** Whether any option of the quick form was given. */
  boolean given() {
    return first != null;
  }

  /** The first option given, for messages. */
  String firstOption() {
    return first;
  }

  /** Whether the job reads stdin: asked with "-", or no URL given and stdin brings something. */
  boolean readsStdin(boolean stdinHasInput) {
    return stdin || (urls.isEmpty() && stdinHasInput);
  }

  /** Whether the records are not kept: no {@code -o} and stdout is a terminal (the per-URL lines are all). */
  boolean keepsNothingOn(boolean stdoutIsTerminal) {
    return output == null && stdoutIsTerminal;
  }

  /** Whether the records go to stdout (no {@code -o}, or {@code -o -}). */
  boolean toStdout() {
    return output == null || output.equals("-");
  }

  /** The config of the quick form's one job; relative paths are resolved against {@code workDir}. */
  JsonObject config(Path workDir, boolean stdinHasInput) {
    JsonObject job = new JsonObject().put("name", JOB);
    if (!urls.isEmpty()) {
      job.put("urls", new JsonArray(new ArrayList<>(urls)));
    }
    if (readsStdin(stdinHasInput)) {
      job.put("urlsFile", "-");
    }
    if (!extract.isEmpty()) {
      job.put("extract", new JsonObject(new LinkedHashMap<>(extract)));
    }
    putIfGiven(job, "concurrency", concurrency);
    putIfGiven(job, "timeoutMs", timeoutMs);
    if (noFollow) {
      job.put("followRedirects", false);
    }
    if (noRobots) {
      job.put("robotsTxt", false);
    }
    JsonObject root = new JsonObject();
    if (toStdout()) {
      job.put("output", new JsonObject().put("path", "-"));
    } else { // any path the user names: its directory is the output directory
      Path file = workDir.resolve(output).toAbsolutePath().normalize();
      Path dir = file.getParent() == null ? file : file.getParent();
      root.put("outputDir", dir.toString());
      job.put("output", new JsonObject().put("path", file.getFileName() == null ? output : file.getFileName().toString()));
    }
    return root.put("jobs", new JsonArray().add(job));
  }

  private static void putIfGiven(JsonObject job, String key, Object value) {
    if (value != null) {
      job.put(key, value);
    }
  }

  /**
   * The config reader's problems for the quick form's config, named after the options they come from: {@code
   * jobs[0].concurrency: ...} becomes {@code --concurrency: ...}, {@code jobs[0].extract.title: ...} becomes {@code
   * --extract title: ...}.
   */
  static List<String> explain(List<String> problems) {
    List<String> out = new ArrayList<>();
    for (String p : problems) {
      out.add(explain(p));
    }
    return out;
  }

  private static String explain(String problem) {
    if (problem.startsWith("jobs[0]: no URLs")) {
      return "no URLs: give them as arguments (scraper https://example.com/), with --url, or on stdin";
    }
    for (String[] pair : OPTION_OF) {
      if (problem.startsWith(pair[0])) {
        int colon = problem.indexOf(": ");
        String where = problem.substring(0, colon);
        String field = pair[1].equals("--extract") && where.startsWith("jobs[0].extract.")
            ? " " + where.substring("jobs[0].extract.".length()) : "";
        return pair[1] + field + problem.substring(colon);
      }
    }
    return problem;
  }
}
