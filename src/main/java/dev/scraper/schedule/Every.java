package dev.scraper.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * A fixed interval whose slots are aligned to the wall clock: they are the multiples of the interval since the Unix
 * epoch (UTC), so every 10m fires at :00, :10, :20... and every 1h on the hour, whenever the process started, and
 * two processes given the same schedule agree on its slots.
 *
 * @param interval at least {@link #MIN_INTERVAL}
 * @param jitter shorter than the interval
 */
public record Every(Duration interval, Duration jitter) implements Schedule {
  /** The shortest interval accepted. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  public Every {
    if (interval.compareTo(MIN_INTERVAL) < 0) {
      throw new IllegalArgumentException("the interval must be at least " + Durations.show(MIN_INTERVAL));
    }
    if (jitter.isNegative() || jitter.compareTo(interval) >= 0) {
      throw new IllegalArgumentException("jitter must be shorter than the interval");
    }
  }

  @Override
  public Instant next(Instant after) {
    long every = interval.toMillis();
    long at = after.toEpochMilli();
    return Instant.ofEpochMilli(Math.floorDiv(at, every) * every + every);
  }

  @Override
  public Instant latest(Instant at) {
    long every = interval.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), every) * every);
  }

  @Override
  public String describe() {
    return "every " + Durations.show(interval) + (jitter.isZero() ? "" : ", jitter " + Durations.show(jitter));
  }
}
