package dev.scraper.api;

import dev.scraper.config.ConfigDiff;
import dev.scraper.config.JobSpec;
import dev.scraper.config.OutputSpec;
import dev.scraper.config.ReloadRefused;
import dev.scraper.sink.JsonLinesSink;
import dev.scraper.sink.Outputs;
import dev.scraper.sink.Sink;
import dev.scraper.sink.StdoutSink;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reload applied to the {@link JobBoard}: only the jobs of the config file are touched, never those added through
 * the API. A job the reloaded file adds under the name of a job added through the API refuses the whole reload
 * (409). Jobs added are taken on as the config's jobs at start (outputs opened, schedule armed, run once when they
 * have none); a changed job runs with its new spec from its next run, its schedule armed again when it changed, its
 * output opened anew when its path changed (the old one closed once the run under way ended); a removed job is
 * removed as {@code DELETE /jobs/{name}} does (a run under way goes on to its end). A file job deleted through the
 * API and changed in the file is taken on again. Event-loop owned.
 */
final class BoardReload {
  private BoardReload() {
  }

  static Future<Void> apply(Vertx vertx, JobBoard board, ConfigDiff diff) {
    Map<String, ManagedJob> present = new LinkedHashMap<>();
    board.jobs().forEach(j -> present.put(j.name(), j));
    for (String name : diff.added()) {
      if (present.containsKey(name)) {
        return Future.failedFuture(new ReloadRefused(409, "the reloaded config adds a job '" + name + "', the name "
            + "of a job added through the API; rename one of them, or DELETE /jobs/" + name + " first"));
      }
    }
    List<JobSpec> added = new ArrayList<>();
    diff.added().forEach(name -> added.add(diff.job(name)));
    List<ManagedJob> changed = new ArrayList<>();
    for (String name : diff.changed()) {
      if (present.containsKey(name)) {
        changed.add(present.get(name));
      } else {
        added.add(diff.job(name)); // deleted through the API, changed in the file: taken on again
      }
    }
    Map<String, Sink> outputs = new LinkedHashMap<>();
    List<JsonLinesSink> files = new ArrayList<>();
    for (ManagedJob job : changed) {
      OutputSpec out = diff.job(job.name()).output();
      if (!out.path().equals(job.spec.output().path())) {
        if (out.toStdout()) {
          outputs.put(job.name(), new StdoutSink(vertx));
        } else if (!out.perRun()) {
          JsonLinesSink file = new JsonLinesSink(vertx, out.path());
          files.add(file);
          outputs.put(job.name(), file);
        }
      }
    }
    Future<Void> adding = Outputs.openAll(vertx, files, true).compose(v -> board.add(added, true))
        .onFailure(e -> files.forEach(JsonLinesSink::close)); // add's checks throw: the compose fails with them
    return adding.recover(e -> Future.failedFuture(e instanceof ReloadRefused ? e : new ReloadRefused(409,
        "a job of the reloaded config cannot be taken on: " + e.getMessage()
            + diff.handoverHint(n -> present.containsKey(n) ? present.get(n).spec : null)))).map(v -> {
          // the API may have deleted (or added again) a job while the outputs opened: only those still here change
          java.util.Set<ManagedJob> now = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
          board.jobs().forEach(now::add);
          for (ManagedJob job : changed) {
            if (now.contains(job)) {
              change(job, diff.job(job.name()), outputs, board);
            } else if (outputs.get(job.name()) instanceof JsonLinesSink gone) {
              gone.close();
            }
          }
          diff.removed().stream().map(present::get).filter(j -> j != null && now.contains(j))
              .forEach(j -> board.remove(j.name()));
          return null;
        });
  }

  private static void change(ManagedJob job, JobSpec spec, Map<String, Sink> outputs, JobBoard board) {
    JobSpec was = job.spec;
    job.spec = spec;
    if (!spec.output().path().equals(was.output().path())) {
      Sink old = job.kept;
      job.kept = outputs.get(job.name());
      if (old != null && !(old instanceof StdoutSink)) {
        (job.current == null ? Future.succeededFuture() : job.current.ended()).onComplete(x -> old.close());
      }
    }
    if (!java.util.Objects.equals(was.schedule(), spec.schedule())) {
      if (job.trigger != null) {
        job.trigger.stop();
        job.trigger = null;
      }
      if (spec.schedule() != null) {
        board.arm(job, false);
      }
    }
  }
}
