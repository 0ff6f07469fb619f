package dev.scraper.api;

import dev.scraper.config.Defaults;
import dev.scraper.config.JobSpec;
import dev.scraper.history.RunHistory;
import dev.scraper.history.RunSummary;
import dev.scraper.schedule.SlotLog;
import dev.scraper.schedule.Trigger;
import dev.scraper.state.ChangeFile;
import dev.scraper.state.ChangeLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the {@link JobBoard} keeps of each job beyond its runs: the last run summaries ({@link RunHistory}) and, with
 * a dataDir, the slot a scheduled job last fired (so that a slot missed while the process was down runs once after a
 * restart, as {@code ScheduledJobs} does) and its change state ({@link ChangeFile}), all read before the job is
 * armed; and the jobs added through the API ({@link ApiJobs}). A file that cannot be read or written is said and
 * never stops a job. Event-loop owned.
 */
final class JobKeeping {
  private final Vertx vertx;
  private final Path dataDir;
  private final Consumer<String> say;
  private final RunHistory history;
  private final Map<String, Instant> slots = new HashMap<>();
  private final Map<String, SlotLog> slotLogs = new HashMap<>();
  private final Map<String, ChangeFile> changes = new HashMap<>();
  private final ApiJobs apiJobs;

  /** @param dataDir where jobs keep their state, or null: summaries in memory, nothing else kept */
  JobKeeping(Vertx vertx, Path dataDir, Consumer<String> say) {
    this.vertx = vertx;
    this.dataDir = dataDir;
    this.say = say;
    this.history = new RunHistory(vertx, dataDir, Defaults.SUMMARIES_KEPT, say);
    this.apiJobs = dataDir == null ? null : new ApiJobs(vertx, dataDir, say);
  }

  RunHistory history() {
    return history;
  }

  /** The jobs added through the API, kept under dataDir; null without one. */
  ApiJobs apiJobs() {
    return apiJobs;
  }

  /** Reads what the jobs kept under dataDir (summaries, last slot) and opens their change state; never fails. */
  Future<Void> prepare(List<JobSpec> specs) {
    List<Future<?>> all = new ArrayList<>();
    for (JobSpec spec : specs) {
      String name = spec.name();
      all.add(history.load(name));
      if (dataDir == null) {
        continue;
      }
      if (spec.schedule() != null) {
        SlotLog log = new SlotLog(vertx, dataDir.resolve(name));
        slotLogs.put(name, log);
        all.add(log.read().onSuccess(slot -> slots.put(name, slot)));
      }
      if (changes.containsKey(name)) { // a job removed while its run goes on, added again: they share the file
        continue;
      }
      all.add(ChangeFile.open(vertx, dataDir, name, say).onSuccess(c -> changes.put(name, c))
          .onFailure(e -> say.accept("scraper: job " + name + ": cannot open its change state under dataDir (kept"
              + " in memory): " + e.getMessage())));
    }
    return Future.join(all).otherwiseEmpty().mapEmpty();
  }

  /** Starts the job's trigger: it fires at once (said) when a slot came while the process was down. */
  void start(String job, Trigger trigger) {
    Instant missed = trigger.start(slots.remove(job));
    if (missed != null) {
      say.accept("scraper: job " + job + " missed its slot at " + missed + " while the process was down; it runs once"
          + " now");
    }
  }

  /** {@code fire}, keeping each slot fired under dataDir first (when there is one). */
  Trigger.Fire keepingSlots(String job, Trigger.Fire fire) {
    SlotLog log = slotLogs.get(job);
    return log == null ? fire : firing -> {
      log.write(firing.slot()).onFailure(e -> say.accept("scraper: job " + job
          + ": cannot keep the slot it fired under dataDir: " + e.getMessage()));
      return fire.fire(firing);
    };
  }

  /** Where the job's change state is kept on disk, or null (in memory). */
  ChangeLog changes(String job) {
    return changes.get(job);
  }

  void ended(RunSummary summary) {
    history.add(summary);
  }

  /** A removed job: its summaries leave memory (its files stay), its change state is closed. */
  void forget(String job) {
    history.forget(job);
    slotLogs.remove(job);
    slots.remove(job);
    ChangeFile c = changes.remove(job);
    if (c != null) {
      c.close();
    }
  }

  /** Closes every change state and waits for the last summaries to be written (after the last runs); never fails. */
  Future<Void> close() {
    return Future.join(changes.values().stream().map(ChangeFile::close).toList())
        .transform(x -> history.settled()).transform(x -> apiJobs == null ? Future.succeededFuture()
            : apiJobs.settled());
  }
}
