package dev.scraper.app;

import dev.scraper.config.ConfigDiff;
import dev.scraper.config.JobSpec;
import dev.scraper.config.ReloadRefused;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * A reload applied to the scheduled jobs of a process without the management API ({@link ScheduledJobs}). Jobs
 * added are taken on (outputs opened first, all or nothing: one that cannot be opened refuses the whole reload),
 * scheduled ones armed, one without a schedule run once now. A changed job runs with its new spec from its next run
 * (the run under way ends with the old one); its schedule is armed again when it changed, its output opened anew when
 * its path changed. A removed job fires no more (a run under way goes on to its end). Jobs that ran once at start
 * are left alone unless the reload gives them a schedule. Unchanged jobs keep their trigger and slot.
 */
final class ScheduleReload {
  private ScheduleReload() {
  }

  /** Applies {@code diff}; on the engine's context. */
  static Future<Void> apply(ScheduledJobs jobs, ConfigDiff diff) {
    List<JobSpec> taken = new ArrayList<>();
    List<JobSpec> reopened = new ArrayList<>();
    for (String name : diff.added()) {
      taken.add(diff.job(name));
      reopened.add(diff.job(name));
    }
    for (String name : diff.changed()) {
      JobSpec spec = diff.job(name);
      JobSpec was = jobs.spec(name);
      if (was == null && spec.schedule() != null) { // ran once at start; scheduled from now on
        taken.add(spec);
        reopened.add(spec);
      } else if (was != null) {
        taken.add(spec);
        if (!spec.output().path().equals(was.output().path())) {
          reopened.add(spec);
        }
      }
    }
    return jobs.openKept(reopened)
        .recover(e -> Future.failedFuture(new ReloadRefused(409, "an output of the reloaded config cannot be "
            + "opened: " + e.getMessage() + diff.handoverHint(jobs::spec))))
        .map(outputs -> {
          for (JobSpec spec : taken) {
            jobs.take(spec, outputs.get(spec.name()));
          }
          for (String name : diff.removed()) {
            if (jobs.spec(name) != null) {
              jobs.drop(name);
            }
          }
          return null;
        });
  }
}
