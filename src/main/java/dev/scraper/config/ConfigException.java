package dev.scraper.config;

import java.util.List;

/**
 * The config is invalid. Carries every problem found, each starting with its JSON path
 * ({@code jobs[0].extract.price: invalid CSS selector ...}).
 */
public final class ConfigException extends RuntimeException {
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join("\n", problems), null, false, false);
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String problem) {
    this(List.of(problem));
  }

  /** Every problem, in the order found (config order). */
  public List<String> problems() {
    return problems;
  }
}
