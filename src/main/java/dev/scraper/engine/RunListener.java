package dev.scraper.engine;

import dev.scraper.record.Record;

/** Hears about a run's records as they are written (the terminal, later the API). Called on the engine's loop. */
@FunctionalInterface
public interface RunListener {
  /** Hears nothing. */
  RunListener NONE = r -> {
  };

  /** One URL is done; its record has gone to the run's sink. */
  void record(Record record);

  /**
   * Something the person running the job must know, on a line of its own: a warning at the start (tls.insecure), or
   * why the run could not go on reading its URLs.
   */
  default void problem(String message) {
  }

  /**
   * The run went on past its job's {@code maxRunMs} and is being cancelled; {@code message} says so in a sentence.
   * Shown as a {@link #problem} unless overridden.
   */
  default void overTime(String message) {
    problem(message);
  }
}
