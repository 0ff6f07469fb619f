package dev.scraper.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Typed reads of JSON values. Each read either returns the value or records one problem that shows the JSON value
 * found, and returns null.
 */
final class Values {
  /** Longest rendering of a wrong value in a message. */
  private static final int MAX_SHOWN = 60;

  private Values() {
  }

  /** The JSON path of {@code key} inside the object at {@code parent}. */
  static String child(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  /** The JSON path of element {@code i} of the array at {@code parent}. */
  static String element(String parent, int i) {
    return parent + "[" + i + "]";
  }

  /** The value as JSON text, clipped, for "got ..." in messages. */
  static String show(Object value) {
    String text;
    try {
      text = Json.encode(value);
    } catch (EncodeException | DecodeException e) {
      text = String.valueOf(value);
    }
    return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN - 3) + "...";
  }

  /** The value if it is a JSON integral number that fits a long, else null. */
  static Long integral(Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    return null;
  }

  /** An integer in {@code min..max}; the message names the range. */
  static Long integer(Object value, long min, long max, String path, Problems problems) {
    Long n = integral(value);
    if (n != null && n >= min && n <= max) {
      return n;
    }
    boolean openEnded = max == Integer.MAX_VALUE || max == Long.MAX_VALUE;
    String range = openEnded && (n == null || n < min) ? "of at least " + min : "from " + min + " to " + max;
    problems.add(path, "must be an integer " + range + ", got " + show(value));
    return null;
  }

  /** A JSON boolean. */
  static Boolean bool(Object value, String path, Problems problems) {
    if (value instanceof Boolean b) {
      return b;
    }
    problems.add(path, "must be true or false, got " + show(value));
    return null;
  }

  /** A JSON string, possibly empty. */
  static String string(Object value, String path, Problems problems) {
    if (value instanceof String s) {
      return s;
    }
    problems.add(path, "must be a string, got " + show(value));
    return null;
  }

  /** A JSON string with more than white space; {@code example} is shown in the fix. */
  static String nonBlank(Object value, String path, String example, Problems problems) {
    String s = string(value, path, problems);
    if (s != null && s.isBlank()) {
      problems.add(path, "must not be empty; give a value such as " + show(example));
      return null;
    }
    return s;
  }

  /** A JSON object; {@code example} is shown in the fix. */
  static JsonObject object(Object value, String path, String example, Problems problems) {
    if (value instanceof JsonObject o) {
      return o;
    }
    problems.add(path, "must be an object such as " + example + ", got " + show(value));
    return null;
  }

  /** A JSON array; {@code example} is shown in the fix. */
  static JsonArray array(Object value, String path, String example, Problems problems) {
    if (value instanceof JsonArray a) {
      return a;
    }
    problems.add(path, "must be an array such as " + example + ", got " + show(value));
    return null;
  }
}
