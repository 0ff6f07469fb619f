package dev.scraper.testing.hostile;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * {@code /status429?after=S}: 429 with {@code Retry-After: S} (seconds, default 1); {@code /status429-date?after=S}:
 * 429 with {@code Retry-After} as the HTTP date S seconds ahead (RFC 1123, GMT; whole seconds).
 */
public final class RetryAfterRoute implements HostileRoute {
  private final boolean asDate;

  /** A route whose Retry-After is a delay in seconds ({@code asDate} false) or an HTTP date. */
  public RetryAfterRoute(boolean asDate) {
    this.asDate = asDate;
  }

  @Override
  public void handle(Exchange ex) {
    long seconds = ex.request().param("after", 1);
    String value = asDate
        ? DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(seconds))
        : Long.toString(seconds);
    ex.respondHtml(429, "Too Many Requests", Http.page("Too many requests"), "Retry-After: " + value);
  }
}
