package dev.scraper.config;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.select.Selector;

/**
 * Reads a job's "extract": field name to a CSS selector string, or to an object with "css", "attr", "all" and
 * "html". Every selector is compiled with Jsoup here, so a bad one stops the run before the first fetch.
 */
final class ExtractReader {
  private static final String ABS = "abs:";

  private ExtractReader() {
  }

  /** The fields in config order, or null when any is invalid (each problem recorded). */
  static Map<String, FieldSpec> read(Object value, String path, Problems problems) {
    JsonObject json = Values.object(value, path, "{\"title\": \"h1\"}", problems);
    if (json == null) {
      return null;
    }
    int before = problems.size();
    Map<String, FieldSpec> fields = new LinkedHashMap<>();
    for (String name : json.fieldNames()) {
      if (name.isEmpty()) {
        problems.add(path, "a field name is empty; give each field a name such as \"title\"");
        continue;
      }
      FieldSpec field = field(name, json.getValue(name), Values.child(path, name), problems);
      if (field != null) {
        fields.put(name, field);
      }
    }
    return problems.size() == before ? fields : null;
  }

  private static FieldSpec field(String name, Object value, String path, Problems problems) {
    if (value instanceof String css) {
      return compiles(css, path, problems) ? new FieldSpec(name, css, null, false, false) : null;
    }
    if (!(value instanceof JsonObject json)) {
      problems.add(path, "must be a CSS selector such as \"h1\" or an object such as {\"css\": \"img\", "
          + "\"attr\": \"abs:src\"}, got " + Values.show(value));
      return null;
    }
    int before = problems.size();
    String css = null;
    String attr = null;
    boolean all = false;
    boolean html = false;
    for (String key : json.fieldNames()) {
      String keyPath = Values.child(path, key);
      Object v = json.getValue(key);
      switch (key) {
        case "css" -> {
          css = Values.string(v, keyPath, problems);
          if (css != null && !compiles(css, keyPath, problems)) {
            css = null;
          }
        }
        case "attr" -> attr = attribute(v, keyPath, problems);
        case "all" -> all = Boolean.TRUE.equals(Values.bool(v, keyPath, problems));
        case "html" -> html = Boolean.TRUE.equals(Values.bool(v, keyPath, problems));
        default -> Keys.unknown(path, key, Keys.FIELD, problems);
      }
    }
    if (!json.containsKey("css")) {
      problems.add(Values.child(path, "css"), "required; give the CSS selector of the element, such as \".price\"");
    }
    if (json.containsKey("attr") && html) {
      problems.add(path, "give either \"attr\" or \"html\", not both");
    }
    return problems.size() == before ? new FieldSpec(name, css, attr, all, html) : null;
  }

  private static String attribute(Object value, String path, Problems problems) {
    String attr = Values.string(value, path, problems);
    if (attr == null) {
      return null;
    }
    boolean abs = attr.regionMatches(true, 0, ABS, 0, ABS.length());
    String name = (abs ? attr.substring(ABS.length()) : attr).strip();
    if (name.isBlank()) {
      problems.add(path, "names no attribute; give one such as \"href\" or \"abs:href\"");
      return null;
    }
    // HTML attribute names are case-insensitive (Jsoup lower-cases them), and so is our "abs:" prefix:
    // one spelling from here on, so "ABS:SRC" reads the same as "abs:src".
    return (abs ? ABS : "") + name.toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether Jsoup compiles the selector; records why not. */
  static boolean compiles(String css, String path, Problems problems) {
    if (css.isBlank()) {
      problems.add(path, "empty CSS selector; give one such as \"h1\" or \".price\"");
      return false;
    }
    try {
      Selector.evaluatorOf(css);
      return true;
    } catch (Selector.SelectorParseException | IllegalArgumentException e) {
      problems.add(path, "invalid CSS selector '" + css + "': " + e.getMessage());
      return false;
    }
  }
}
