package dev.scraper.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a job's "output": the file path (kept inside the output directory, one file per job) or "-" for stdout
 * (one job at most), the format and onlyChanged.
 */
final class OutputReader {
  private static final String EXAMPLE = "{\"path\": \"out/books.jsonl\"}";

  private OutputReader() {
  }

  /**
   * The output of one job, or null when it is invalid (each problem recorded).
   *
   * @param outputDir the absolute, normalised output directory, or null when "outputDir" itself is invalid
   * @param taken output file to the JSON path of the job that writes it; this job's file is added when valid
   */
  static OutputSpec read(Object value, String path, Path outputDir, Map<Path, String> taken, Problems problems) {
    JsonObject json = Values.object(value, path, EXAMPLE, problems);
    if (json == null) {
      return null;
    }
    int before = problems.size();
    Path file = null;
    String format = Defaults.OUTPUT_FORMAT;
    Long keepRuns = (long) Defaults.KEEP_RUNS;
    boolean onlyChanged = Defaults.ONLY_CHANGED;
    for (String key : json.fieldNames()) {
      String keyPath = Values.child(path, key);
      Object v = json.getValue(key);
      switch (key) {
        case "path" -> file = file(v, keyPath, outputDir, taken, problems);
        case "format" -> format = format(v, keyPath, problems);
        case "onlyChanged" -> onlyChanged = Boolean.TRUE.equals(Values.bool(v, keyPath, problems));
        case "keepRuns" -> keepRuns = Values.integer(v, 1, Defaults.MAX_KEEP_RUNS, keyPath, problems);
        default -> Keys.unknown(path, key, Keys.OUTPUT, problems);
      }
    }
    if (!json.containsKey("path")) {
      problems.add(Values.child(path, "path"), "required; give the file to write, such as \"out/books.jsonl\"");
    }
    if (json.containsKey("keepRuns") && file != null && problems.size() == before
        && !file.getFileName().toString().contains(OutputSpec.RUN)) {
      problems.add(Values.child(path, "keepRuns"), "applies to per-run files only; put " + OutputSpec.RUN
          + " in the file name of \"path\", such as \"out/books-{run}.jsonl\", or remove this key");
    }
    return problems.size() == before && file != null
        ? new OutputSpec(file, format, onlyChanged, keepRuns.intValue()) : null;
  }

  private static String format(Object value, String path, Problems problems) {
    String format = Values.string(value, path, problems);
    if (format != null && !format.equals(Defaults.OUTPUT_FORMAT)) {
      problems.add(path, "unsupported format '" + format + "'; use \"" + Defaults.OUTPUT_FORMAT + "\"");
      return null;
    }
    return format;
  }

  private static Path file(Object value, String path, Path outputDir, Map<Path, String> taken, Problems problems) {
    String given = Values.nonBlank(value, path, "out/books.jsonl", problems);
    if (given != null && given.equals("-")) { // stdout: one job only, as records of two would interleave
      String other = taken.putIfAbsent(OutputSpec.STDOUT, path);
      if (other != null) {
        problems.add(path, "\"-\" (stdout) is already the output of " + other + "; only one job may write to "
            + "stdout; give this job a file such as \"out/books.jsonl\"");
        return null;
      }
      return OutputSpec.STDOUT;
    }
    if (given == null || outputDir == null) {
      return null;
    }
    Path file;
    try {
      file = outputDir.resolve(given).normalize();
    } catch (InvalidPathException e) {
      problems.add(path, "'" + given + "' is not a valid file path (" + e.getReason() + ")");
      return null;
    }
    if (!file.startsWith(outputDir) || file.equals(outputDir)) {
      String problem = file.equals(outputDir) ? "' is the output directory '" : "' leaves the output directory '";
      problems.add(path, "'" + given + problem + outputDir + "'; use a path inside it or set \"outputDir\"");
      return null;
    }
    if (given.contains(OutputSpec.RUN) && !file.getFileName().toString().contains(OutputSpec.RUN)) {
      problems.add(path, "'" + given + "': " + OutputSpec.RUN + " may only be in the file name, such as "
          + "\"out/books-{run}.jsonl\"");
      return null;
    }
    if (Files.isDirectory(file)) {
      problems.add(path, "'" + file + "' is a directory; give a file path such as \"out/books.jsonl\"");
      return null;
    }
    String other = taken.putIfAbsent(file, path);
    if (other != null) {
      problems.add(path, "same file as " + other + "; give each job its own output file");
      return null;
    }
    return file;
  }
}
