package dev.scraper.fetch;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a {@code Retry-After} header: delay-seconds or an HTTP date. Pure. */
public final class RetryAfter {
  private RetryAfter() {
  }

  /**
   * The wait the header asks for, in ms (0 for a date in the past), or -1 when the header is absent or unreadable.
   *
   * @param nowMs the current time, epoch millis (for HTTP dates)
   */
  public static long parseMs(String header, long nowMs) {
    if (header == null) {
      return -1;
    }
    String v = header.strip();
    if (v.isEmpty()) {
      return -1;
    }
    if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return Math.multiplyExact(Long.parseLong(v), 1000L);
      } catch (ArithmeticException | NumberFormatException e) {
        return Long.MAX_VALUE;
      }
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Math.max(0, at.toEpochMilli() - nowMs);
    } catch (DateTimeParseException e) {
      return -1;
    }
  }
}
