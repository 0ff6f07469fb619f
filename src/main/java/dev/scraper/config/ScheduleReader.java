package dev.scraper.config;

import dev.scraper.schedule.Cron;
import dev.scraper.schedule.Durations;
import dev.scraper.schedule.Every;
import dev.scraper.schedule.Schedule;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * Reads a job's "schedule": a 5-field cron string, {@code {"cron": "...", "timeZone": "Europe/Paris", "jitter":
 * "10s"}} or {@code {"every": "10m", "jitter": "30s"}}. Each problem names the field and says what is accepted.
 */
final class ScheduleReader {
  static final List<String> KEYS = List.of("cron", "every", "timeZone", "jitter");
  private static final String FORMS = "a cron string such as \"*/15 * * * *\", {\"cron\": \"0 9 * * 1-5\", "
      + "\"timeZone\": \"Europe/Paris\"} or {\"every\": \"10m\"}";

  private ScheduleReader() {
  }

  /** The schedule at {@code path}, or null when it is invalid (each problem recorded). */
  static Schedule read(Object value, String path, Problems problems) {
    if (value instanceof String cron) {
      return cron(cron, path, path, ZoneId.of(Defaults.SCHEDULE_TIME_ZONE), Defaults.SCHEDULE_JITTER, problems);
    }
    if (!(value instanceof JsonObject json)) {
      problems.add(path, "must be " + FORMS + ", got " + Values.show(value));
      return null;
    }
    int before = problems.size();
    for (String key : json.fieldNames()) {
      if (!KEYS.contains(key)) {
        Keys.unknown(path, key, KEYS, problems);
      }
    }
    boolean cron = json.containsKey("cron");
    boolean every = json.containsKey("every");
    if (cron == every) {
      problems.add(path, cron ? "give either \"cron\" or \"every\", not both" : "give \"cron\" or \"every\", such as "
          + "{\"every\": \"10m\"} or {\"cron\": \"*/15 * * * *\"}");
    }
    if (every && json.containsKey("timeZone")) {
      problems.add(Values.child(path, "timeZone"), "applies to \"cron\" only: \"every\" slots are aligned to UTC");
    }
    Duration jitter = json.containsKey("jitter")
        ? duration(json.getValue("jitter"), Values.child(path, "jitter"), problems) : Defaults.SCHEDULE_JITTER;
    ZoneId zone = json.containsKey("timeZone") ? zone(json.getValue("timeZone"), Values.child(path, "timeZone"),
        problems) : ZoneId.of(Defaults.SCHEDULE_TIME_ZONE);
    Duration interval = every ? duration(json.getValue("every"), Values.child(path, "every"), problems) : null;
    String expression = cron ? Values.string(json.getValue("cron"), Values.child(path, "cron"), problems) : null;
    if (problems.size() != before) {
      return null;
    }
    if (cron) {
      return cron(expression, Values.child(path, "cron"), Values.child(path, "jitter"), zone, jitter, problems);
    }
    if (interval.compareTo(Every.MIN_INTERVAL) < 0) {
      problems.add(Values.child(path, "every"), "must be at least " + Durations.show(Every.MIN_INTERVAL) + ", got "
          + Values.show(json.getValue("every")));
      return null;
    }
    if (jitter.compareTo(interval) >= 0) {
      problems.add(Values.child(path, "jitter"), "must be shorter than \"every\" (" + Durations.show(interval)
          + "), got " + Values.show(json.getValue("jitter")));
      return null;
    }
    return new Every(interval, jitter);
  }

  private static Schedule cron(String expression, String path, String jitterPath, ZoneId zone, Duration jitter,
                               Problems problems) {
    try {
      return new Cron(expression, zone, jitter);
    } catch (IllegalArgumentException e) {
      String reason = e.getMessage() == null ? e.toString() : e.getMessage().strip();
      if (reason.startsWith("jitter")) {
        problems.add(jitterPath, reason.replaceFirst("^jitter ", ""));
      } else {
        problems.add(path, "invalid cron expression '" + expression + "': " + reason
            + (reason.contains("never fires") ? "" : "; give 5 fields (minute hour day-of-month month day-of-week) "
            + "such as \"*/15 * * * *\""));
      }
      return null;
    }
  }

  private static Duration duration(Object value, String path, Problems problems) {
    String text = Values.string(value, path, problems);
    if (text == null) {
      return null;
    }
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add(path, e.getMessage());
      return null;
    }
  }

  private static ZoneId zone(Object value, String path, Problems problems) {
    String id = Values.nonBlank(value, path, "Europe/Paris", problems);
    if (id == null) {
      return null;
    }
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      problems.add(path, "unknown time zone '" + id + "'; give an IANA zone such as \"Europe/Paris\" or \"UTC\"");
      return null;
    }
  }

  /** A job's "maxRunMs": a positive number of milliseconds. */
  static Long maxRunMs(Object value, String path, Problems problems) {
    return Values.integer(value, 1, Long.MAX_VALUE, path, problems);
  }
}
