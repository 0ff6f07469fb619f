package dev.scraper.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a reloaded config changes, job by job, compared as written: a job is changed when its own JSON or
 * {@code "defaults"} (which every job inherits) differ. Top-level settings that only a restart can change are named
 * in {@link #restart}; they keep their running values. Pure: no I/O.
 *
 * @param config the reloaded config, validated
 * @param added jobs only the reloaded config has, in its order
 * @param changed jobs of both whose spec differs
 * @param removed jobs only the running config has
 * @param unchanged jobs of both, as they were
 * @param restart top-level keys whose new value takes a restart to apply
 */
public record ConfigDiff(ScraperConfig config, List<String> added, List<String> changed, List<String> removed,
                         List<String> unchanged, List<String> restart) {
  /** Top-level keys read once, at start. */
  public static final List<String> AT_START = List.of("http", "dataDir", "outputDir", "memoryBudgetBytes", "quiet",
      "fresh", "logFormat");

  public ConfigDiff {
    added = List.copyOf(added);
    changed = List.copyOf(changed);
    removed = List.copyOf(removed);
    unchanged = List.copyOf(unchanged);
    restart = List.copyOf(restart);
  }

  /**
   * @param running the JSON the running config was read from
   * @param reloaded the JSON just read
   * @param config {@code reloaded}, validated
   */
  public static ConfigDiff of(JsonObject running, JsonObject reloaded, ScraperConfig config) {
    Map<String, JsonObject> before = byName(running);
    Map<String, JsonObject> after = byName(reloaded);
    boolean defaults = !Objects.equals(running.getValue("defaults"), reloaded.getValue("defaults"));
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    for (Map.Entry<String, JsonObject> e : after.entrySet()) {
      JsonObject was = before.get(e.getKey());
      if (was == null) {
        added.add(e.getKey());
      } else if (defaults || !was.equals(e.getValue())) {
        changed.add(e.getKey());
      } else {
        unchanged.add(e.getKey());
      }
    }
    List<String> removed = before.keySet().stream().filter(name -> !after.containsKey(name)).toList();
    List<String> restart = AT_START.stream()
        .filter(key -> !Objects.equals(running.getValue(key), reloaded.getValue(key))).toList();
    return new ConfigDiff(config, added, changed, removed, unchanged, restart);
  }

  /** The reloaded spec of a job added or changed. */
  public JobSpec job(String name) {
    return config.jobs().stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
  }

  /**
   * Why an output cannot be opened when a job added or changed here takes the output of a job this reload removes (an
   * output is released only once its job is gone), as a hint to append; "" when no job does.
   *
   * @param runningSpec a running job's spec by name, or null
   */
  public String handoverHint(java.util.function.Function<String, JobSpec> runningSpec) {
    for (String gone : removed) {
      JobSpec old = runningSpec.apply(gone);
      for (String name : java.util.stream.Stream.concat(added.stream(), changed.stream()).toList()) {
        if (old != null && !old.output().toStdout() && job(name).output().path().equals(old.output().path())) {
          return "; job '" + name + "' takes the output of job '" + gone + "', which this reload removes, but an"
              + " output is released only once its job is gone: remove '" + gone + "' in one reload and add '"
              + name + "' in the next, or give it another output.path";
        }
      }
    }
    return "";
  }

  /** "1 job added (news), 1 changed (books), 0 removed, 2 unchanged; outputDir needs a restart". */
  public String describe() {
    return count(added, "job" + (added.size() == 1 ? "" : "s") + " added") + ", " + count(changed, "changed") + ", "
        + count(removed, "removed") + ", " + unchanged.size() + " unchanged"
        + (restart.isEmpty() ? "" : "; " + String.join(", ", restart) + " changed too but "
        + (restart.size() == 1 ? "needs" : "need") + " a restart (the running value is kept)");
  }

  /** The answer of POST /reload. */
  public JsonObject toJson() {
    return new JsonObject().put("added", new JsonArray(added)).put("changed", new JsonArray(changed))
        .put("removed", new JsonArray(removed)).put("unchanged", new JsonArray(unchanged))
        .put("needsRestart", new JsonArray(restart)).put("summary", describe());
  }

  private static String count(List<String> names, String what) {
    return names.size() + " " + what + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")");
  }

  /** The jobs of a config's JSON by name (the reader has checked that each has a unique one). */
  private static Map<String, JsonObject> byName(JsonObject root) {
    Map<String, JsonObject> jobs = new LinkedHashMap<>();
    JsonArray array = root.getValue("jobs") instanceof JsonArray a ? a : new JsonArray();
    for (Object job : array) {
      if (job instanceof JsonObject o && o.getValue("name") instanceof String name) {
        jobs.put(name, o);
      }
    }
    return jobs;
  }
}
