package dev.scraper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, read from its sources: packages (the stages the data flows through) never depend on each
 * other in a cycle, every class stays small, and Vert.x's internal API is used in one place that says why.
 */
class ArchitectureTest {
  private static final Path MAIN = Path.of("src/main/java/dev/scraper");
  private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.scraper\\.([a-z]+)\\.[A-Z]");
  /** Most lines a class of src/main/java may have. */
  private static final int MAX_LINES = 249;

  private static Map<Path, String> sources() throws IOException {
    Map<Path, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        out.put(f, Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static String packageOf(Path file) {
    Path rel = MAIN.relativize(file.getParent());
    return rel.toString().isEmpty() ? "" : rel.toString().replace('/', '.');
  }

  /** Package to the packages it refers to (imports and fully qualified names). */
  private static Map<String, Set<String>> dependencies() throws IOException {
    Map<String, Set<String>> deps = new TreeMap<>();
    for (Map.Entry<Path, String> e : sources().entrySet()) {
      String from = packageOf(e.getKey());
      Set<String> to = deps.computeIfAbsent(from, k -> new TreeSet<>());
      Matcher m = REFERENCE.matcher(e.getValue());
      while (m.find()) {
        if (!m.group(1).equals(from)) {
          to.add(m.group(1));
        }
      }
    }
    return deps;
  }

  @Test
  void noTwoPackagesDependOnEachOtherThroughAnyPath() throws IOException {
    Map<String, Set<String>> deps = dependencies();
    List<String> cycles = new ArrayList<>();
    for (String start : deps.keySet()) {
      List<String> path = cycleFrom(start, start, deps, new ArrayList<>(List.of(start)), new TreeSet<>());
      if (path != null) {
        cycles.add(String.join(" -> ", path));
      }
    }
    assertEquals(List.of(), cycles, "package cycles; dependencies: " + deps);
  }

  private static List<String> cycleFrom(String start, String at, Map<String, Set<String>> deps, List<String> path,
                                        Set<String> seen) {
    for (String next : deps.getOrDefault(at, Set.of())) {
      if (next.equals(start)) {
        List<String> cycle = new ArrayList<>(path);
        cycle.add(start);
        return cycle;
      }
      if (seen.add(next)) {
        path.add(next);
        List<String> found = cycleFrom(start, next, deps, path, seen);
        if (found != null) {
          return found;
        }
        path.remove(path.size() - 1);
      }
    }
    return null;
  }

  @Test
  void everyClassOfTheMainCodeIsUnder250Lines() throws IOException {
    Map<String, Integer> tooLong = new TreeMap<>();
    for (Map.Entry<Path, String> e : sources().entrySet()) {
      int lines = e.getValue().split("\n", -1).length - (e.getValue().endsWith("\n") ? 1 : 0);
      if (lines > MAX_LINES) {
        tooLong.put(MAIN.relativize(e.getKey()).toString(), lines);
      }
    }
    assertEquals(Map.of(), tooLong);
  }

  @Test
  void vertxInternalApiIsUsedInTwoPlacesThatSayWhy() throws IOException {
    Map<String, String> users = new HashMap<>();
    for (Map.Entry<Path, String> e : sources().entrySet()) {
      if (e.getValue().contains("io.vertx.core.internal")) {
        users.put(MAIN.relativize(e.getKey()).toString(), e.getValue());
      }
    }
    assertEquals(Set.of("fetch/RequestTap.java", "cluster/HazelcastMembers.java"), users.keySet(),
        "the WebClient must wrap the client whose requests can be reset, and the cluster's members come from the "
            + "cluster manager; nothing else needs Vert.x internals");
    assertTrue(users.get("fetch/RequestTap.java").contains("because {@code WebClient.wrap} requires it"));
    assertTrue(users.get("cluster/HazelcastMembers.java").contains("because Vert.x has no public API for them"));
  }

  @Test
  void theEngineVerticleOnlyWires() throws IOException {
    String engine = Files.readString(MAIN.resolve("engine/Engine.java"), StandardCharsets.UTF_8);
    assertTrue(engine.split("\n").length < 150, "Engine.java grew: logic belongs in the classes it owns");
  }
}
