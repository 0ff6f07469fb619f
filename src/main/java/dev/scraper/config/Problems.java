package dev.scraper.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems found so far while reading a config, in config order. Each is {@code <json path>: <message>}.
 */
final class Problems {
  private final List<String> list = new ArrayList<>();

  /** Adds {@code path: message}, or just the message at the root (empty path). */
  void add(String path, String message) {
    list.add(path.isEmpty() ? message : path + ": " + message);
  }

  void addAll(Problems other) {
    list.addAll(other.list);
  }

  int size() {
    return list.size();
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  /** Throws one exception listing every problem, if there is any. */
  void throwIfAny() {
    if (!list.isEmpty()) {
      throw new ConfigException(list);
    }
  }
}
