package dev.scraper.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Loads the JSON given with {@code -conf}: inline JSON when the value starts with <code>{</code> (or {@code [}),
 * else the path of a file, relative to the working directory. Every failure is one problem starting with
 * {@code -conf: }.
 */
public final class ConfigSource {
  /** Jackson's location suffix, reduced to "line L, column C" in messages. */
  private static final Pattern LOCATION =
      Pattern.compile("(?:\\s+at)?\\s*\\[Source: [^;]*; line: (\\d+), column: (\\d+)\\]", Pattern.DOTALL);

  private ConfigSource() {
  }

  /**
   * The config root given with {@code -conf}.
   *
   * @param confArg the value of {@code -conf}: inline JSON or a file path; null when the option is absent
   * @param workDir the directory a relative file path is resolved against
   * @return the parsed JSON object
   * @throws ConfigException with one problem when the value is missing, unreadable, not JSON or not an object
   */
  public static JsonObject load(String confArg, Path workDir) throws ConfigException {
    if (confArg == null || confArg.isBlank()) {
      throw problem("missing; run with -conf conf.json (a file path or inline JSON), or give URLs: scraper "
          + "https://example.com/ (see --help)");
    }
    String trimmed = confArg.trim();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      return parse(trimmed, "inline JSON is not valid: ", "inline JSON");
    }
    String text = readFile(confArg, workDir);
    String quoted = "'" + confArg + "'";
    if (text.isBlank()) {
      throw problem(quoted + " is empty; it must hold a JSON object such as {\"jobs\": [...]}");
    }
    return parse(text, quoted + " is not valid JSON: ", quoted);
  }

  private static String readFile(String confArg, Path workDir) {
    String quoted = "'" + confArg + "'";
    Path file;
    try {
      file = workDir.resolve(confArg);
    } catch (InvalidPathException e) {
      throw problem("cannot read " + quoted + ": not a valid file path (" + e.getReason() + ")");
    }
    if (Files.isDirectory(file)) {
      throw problem("cannot read " + quoted + ": it is a directory; give the path of a JSON file");
    }
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (NoSuchFileException e) {
      throw problem("cannot read " + quoted + ": no such file");
    } catch (AccessDeniedException e) {
      throw problem("cannot read " + quoted + ": permission denied");
    } catch (CharacterCodingException e) {
      throw problem(quoted + " is not UTF-8 text; save it as UTF-8");
    } catch (IOException e) {
      throw problem("cannot read " + quoted + ": " + e.getMessage());
    }
  }

  private static JsonObject parse(String text, String invalidPrefix, String what) {
    Object value;
    try {
      value = Json.decodeValue(text);
    } catch (DecodeException e) {
      throw problem(invalidPrefix + describe(e));
    }
    if (value instanceof JsonObject json) {
      return json;
    }
    String got = value instanceof JsonArray ? "an array" : Values.show(value);
    throw problem(what + " must be a JSON object such as {\"jobs\": [...]}, got " + got);
  }

  /** Jackson's message without its stream details: "Unexpected character ... at line 1, column 9". */
  private static String describe(DecodeException e) {
    String message = e.getMessage() == null ? "unknown error" : e.getMessage();
    message = message.replaceFirst("^Failed to decode:\\s*", "");
    message = LOCATION.matcher(message).replaceAll(" at line $1, column $2");
    return message.replaceAll("\\s*\\n\\s*", " ").trim();
  }

  private static ConfigException problem(String message) {
    return new ConfigException("-conf: " + message);
  }
}
