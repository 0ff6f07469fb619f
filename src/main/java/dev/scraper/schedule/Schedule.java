package dev.scraper.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * When a job's runs are due: a sequence of slots on the wall clock, and the most random delay added to each.
 * Implementations are immutable and thread-safe.
 */
public interface Schedule {
  /** The first slot strictly after {@code after} (jitter not included). */
  Instant next(Instant after);

  /**
   * The newest slot at or before {@code at}, or null when there is none or the schedule cannot tell (the default).
   */
  default Instant latest(Instant at) {
    return null;
  }

  /** Each run starts a random delay in [0, jitter] after its slot. */
  Duration jitter();

  /** How the schedule was given, for messages and the terminal: {@code every 10m} or {@code cron 0 * * * * UTC}. */
  String describe();
}
