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

  /** The run could not go on reading its URLs; {@code message} says why. */
  default void problem(String message) {
  }
}
