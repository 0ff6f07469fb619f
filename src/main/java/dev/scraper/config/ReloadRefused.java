package dev.scraper.config;

import java.util.List;

/**
 * A reload that changed nothing, and why: the reloaded config is invalid (400, each problem naming its field), or it
 * cannot be applied (409: the config was not given as a file, a job name is taken by a job added through the API, a
 * reload is under way, the process is stopping, an output of a new job cannot be opened).
 */
public final class ReloadRefused extends RuntimeException {
  private final int status;
  private final List<String> problems;

  public ReloadRefused(int status, String message, List<String> problems) {
    super(message, null, false, false);
    this.status = status;
    this.problems = List.copyOf(problems);
  }

  public ReloadRefused(int status, String message) {
    this(status, message, List.of());
  }

  /** The HTTP status POST /reload answers with. */
  public int status() {
    return status;
  }

  /** Each problem of an invalid config, as {@code <json path>: <what is wrong>}; empty otherwise. */
  public List<String> problems() {
    return problems;
  }
}
