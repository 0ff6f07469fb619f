package dev.scraper.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A 5-field cron expression (minute, hour, day of month, month, day of week: the UNIX flavour of cron-utils) read in
 * a time zone, so "0 9 * * *" in Europe/Paris is 09:00 Paris time in winter and in summer.
 */
public final class Cron implements Schedule {
  private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  /** Slots looked at to find the shortest gap between two slots, which the jitter must stay under. */
  private static final int GAPS_CHECKED = 200;
  /** Where that look starts: a fixed instant, so that a config validates the same whenever it is read. */
  private static final Instant GAPS_FROM = Instant.parse("2026-01-01T00:00:00Z");
  private final String expression;
  private final ZoneId zone;
  private final Duration jitter;
  private final ExecutionTime times;

  /**
   * @throws IllegalArgumentException with cron-utils' reason when the expression is not a valid 5-field cron
   *     expression, or when the jitter is not shorter than the shortest gap between two slots
   */
  public Cron(String expression, ZoneId zone, Duration jitter) {
    this.expression = expression;
    this.zone = zone;
    this.jitter = jitter;
    this.times = ExecutionTime.forCron(PARSER.parse(expression).validate());
    if (next(GAPS_FROM) == null) {
      throw new IllegalArgumentException("it never fires (no such date)");
    }
    Duration gap = shortestGap();
    if (jitter.isNegative() || jitter.compareTo(gap) >= 0) {
      throw new IllegalArgumentException("jitter must be shorter than the shortest gap between two slots of '"
          + expression + "' (" + Durations.show(gap) + ")");
    }
  }

  @Override
  public Instant next(Instant after) {
    return times.nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant).orElse(null);
  }

  @Override
  public Instant latest(Instant at) {
    Instant before = times.lastExecution(at.atZone(zone)).map(ZonedDateTime::toInstant).orElse(null);
    Instant after = before == null ? null : next(before);
    return after != null && !after.isAfter(at) ? after : before; // at itself may be a slot
  }

  @Override
  public Duration jitter() {
    return jitter;
  }

  public String expression() {
    return expression;
  }

  public ZoneId zone() {
    return zone;
  }

  @Override
  public String describe() {
    return "cron " + expression + " " + zone.getId() + (jitter.isZero() ? "" : ", jitter " + Durations.show(jitter));
  }

  private Duration shortestGap() {
    Duration shortest = null;
    Instant at = next(GAPS_FROM);
    for (int i = 0; i < GAPS_CHECKED && at != null; i++) {
      Instant following = next(at);
      if (following != null) {
        Duration gap = Duration.between(at, following);
        shortest = shortest == null || gap.compareTo(shortest) < 0 ? gap : shortest;
      }
      at = following;
    }
    return shortest == null ? Duration.ofDays(366) : shortest;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cron c && c.expression.equals(expression) && c.zone.equals(zone) && c.jitter.equals(jitter);
  }

  @Override
  public int hashCode() {
    return expression.hashCode() * 31 + zone.hashCode();
  }

  @Override
  public String toString() {
    return describe();
  }
}
