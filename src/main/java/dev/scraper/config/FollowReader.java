package dev.scraper.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads a job's "follow": what to crawl from the pages fetched, with the trap guards' defaults. */
final class FollowReader {
  static final List<String> KEYS = List.of("links", "allow", "deny", "sameHost", "scope", "maxDepth", "maxPages",
      "nofollow", "canonical", "maxUrlLength", "maxPagesPerHost", "maxQueryVariants", "removeParams");
  private static final String EXAMPLE = "{\"links\": \"li.next a, h3 a\", \"maxDepth\": 3}";

  private FollowReader() {
  }

  /** The follow settings at {@code path}, or null when invalid (each problem recorded). */
  static FollowSpec read(Object value, String path, Problems problems) {
    JsonObject json = Values.object(value, path, EXAMPLE, problems);
    if (json == null) {
      return null;
    }
    int before = problems.size();
    String links = null;
    List<Pattern> allow = List.of();
    List<Pattern> deny = List.of();
    boolean sameHost = Defaults.FOLLOW_SAME_HOST;
    String scope = Defaults.FOLLOW_SCOPE;
    long maxDepth = Defaults.FOLLOW_MAX_DEPTH;
    long maxPages = Defaults.FOLLOW_MAX_PAGES;
    boolean nofollow = Defaults.FOLLOW_NOFOLLOW;
    boolean canonical = Defaults.FOLLOW_CANONICAL;
    long maxUrlLength = Defaults.FOLLOW_MAX_URL_LENGTH;
    long perHost = Defaults.FOLLOW_MAX_PAGES_PER_HOST;
    long variants = Defaults.FOLLOW_MAX_QUERY_VARIANTS;
    List<String> removeParams = Defaults.FOLLOW_REMOVE_PARAMS;
    for (String key : json.fieldNames()) {
      String p = Values.child(path, key);
      Object v = json.getValue(key);
      switch (key) {
        case "links" -> links = selector(v, p, problems);
        case "allow" -> allow = patterns(v, p, problems);
        case "deny" -> deny = patterns(v, p, problems);
        case "sameHost" -> sameHost = orElse(Values.bool(v, p, problems), sameHost);
        case "scope" -> scope = scope(v, p, problems);
        case "maxDepth" -> maxDepth = orElse(Values.integer(v, 0, 1_000, p, problems), maxDepth);
        case "maxPages" -> maxPages = orElse(Values.integer(v, 1, Long.MAX_VALUE, p, problems), maxPages);
        case "nofollow" -> nofollow = orElse(Values.bool(v, p, problems), nofollow);
        case "canonical" -> canonical = orElse(Values.bool(v, p, problems), canonical);
        case "maxUrlLength" -> maxUrlLength = orElse(Values.integer(v, 16, 65_536, p, problems), maxUrlLength);
        case "maxPagesPerHost" -> perHost = orElse(Values.integer(v, 1, Long.MAX_VALUE, p, problems), perHost);
        case "maxQueryVariants" -> variants = orElse(Values.integer(v, 1, Integer.MAX_VALUE, p, problems), variants);
        case "removeParams" -> removeParams = names(v, p, problems);
        default -> Keys.unknown(path, key, KEYS, problems);
      }
    }
    if (!json.containsKey("links")) {
      problems.add(Values.child(path, "links"), "required; give the CSS selector of the links to follow, such as "
          + "\"li.next a, h3 a\" (or \"a\" for every link)");
    }
    if (problems.size() != before || links == null) {
      return null;
    }
    return new FollowSpec(links, allow, deny, sameHost, scope, (int) maxDepth, maxPages, nofollow, canonical,
        (int) maxUrlLength, perHost, (int) variants, removeParams);
  }

  private static <T> T orElse(T value, T fallback) {
    return value == null ? fallback : value;
  }

  private static String selector(Object value, String path, Problems problems) {
    String css = Values.string(value, path, problems);
    return css != null && ExtractReader.compiles(css, path, problems) ? css : null;
  }

  private static String scope(Object value, String path, Problems problems) {
    String s = Values.string(value, path, problems);
    if (s != null && !s.equals("host") && !s.equals("domain")) {
      problems.add(path, "unknown scope '" + s + "'; use \"host\" (the default) or \"domain\" (the registrable "
          + "domain, e.g. shop.example.co.uk and www.example.co.uk together)");
      return Defaults.FOLLOW_SCOPE;
    }
    return s == null ? Defaults.FOLLOW_SCOPE : s;
  }

  private static List<Pattern> patterns(Object value, String path, Problems problems) {
    JsonArray array = Values.array(value, path, "[\"/catalogue/\"]", problems);
    List<Pattern> out = new ArrayList<>();
    if (array == null) {
      return out;
    }
    for (int i = 0; i < array.size(); i++) {
      String p = Values.element(path, i);
      String regex = Values.string(array.getValue(i), p, problems);
      if (regex != null) {
        try {
          out.add(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
          problems.add(p, "invalid regular expression '" + regex + "': " + e.getDescription() + " near index "
              + e.getIndex());
        }
      }
    }
    return out;
  }

  private static List<String> names(Object value, String path, Problems problems) {
    JsonArray array = Values.array(value, path, "[\"utm_source\", \"ref\"]", problems);
    List<String> out = new ArrayList<>();
    if (array != null) {
      for (int i = 0; i < array.size(); i++) {
        String name = Values.nonBlank(array.getValue(i), Values.element(path, i), "utm_source", problems);
        if (name != null) {
          out.add(name);
        }
      }
    }
    return out;
  }
}
