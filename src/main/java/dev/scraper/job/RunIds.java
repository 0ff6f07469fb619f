package dev.scraper.job;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** Run ids: the UTC start time and four hex digits, e.g. {@code 20261123T120000Z-1a2b}. Sortable by time. */
public final class RunIds {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private RunIds() {
  }

  public static String next() {
    return FORMAT.format(ZonedDateTime.now(ZoneOffset.UTC))
        + String.format("-%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }
}
