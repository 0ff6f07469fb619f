package dev.scraper.app;

import dev.scraper.config.JobSpec;
import dev.scraper.config.LentJob;
import dev.scraper.config.OutputSpec;
import dev.scraper.engine.Engine;
import dev.scraper.engine.Run;
import dev.scraper.engine.RunAdopter;
import dev.scraper.engine.RunListener;
import dev.scraper.record.Record;
import dev.scraper.sink.JsonLinesSink;
import dev.scraper.sink.Outputs;
import dev.scraper.sink.Sink;
import dev.scraper.state.JobState;
import dev.scraper.state.SavedRun;
import dev.scraper.state.StoredSink;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * This node takes over a run of a node that died. From the cluster's checkpoint: the job is read with this node's
 * output directory and its output opened for appending (never truncated: on one machine it may be the file the dead
 * node wrote). From a dataDir (the run kept its frontier there): this node's dataDir must be the same storage; the
 * run goes on there with the owner's own output file, as a restart of the owner would. Either way the run keeps its
 * id. Lines go to {@code say}.
 */
final class Adoption implements RunAdopter {
  private final Vertx vertx;
  private final Engine engine;
  private final Path outputDir;
  private final Path dataDir;
  private final Consumer<String> say;

  /** @param dataDir this node's dataDir (shared storage for dataDir runs to be taken over), or null */
  Adoption(Vertx vertx, Engine engine, Path outputDir, Path dataDir, Consumer<String> say) {
    this.vertx = vertx;
    this.engine = engine;
    this.outputDir = outputDir;
    this.dataDir = dataDir;
    this.say = say;
  }

  @Override
  public Future<Void> adopt(JsonObject entry) {
    String runId = entry.getString("run");
    String from = entry.getString("ownerName");
    JsonObject config = entry.getJsonObject("source").copy();
    if (outputDir != null) {
      config.put("outputDir", outputDir.toString());
    }
    // off the event loop: reading the job looks at its files (a urlsFile, outputDir), maybe on shared storage
    return vertx.executeBlocking(() -> LentJob.read(config, Path.of("").toAbsolutePath()))
        .compose(job -> adopt(job, entry, runId, from));
  }

  private Future<Void> adopt(JobSpec job, JsonObject entry, String runId, String from) {
    if (entry.getBoolean("onDisk", false)) {
      return fromDisk(job, entry.getString("output"), runId, from);
    }
    Path path = job.output().toStdout() ? Path.of(outputDir == null ? "." : outputDir.toString(),
        job.name() + "-" + runId + ".jsonl") : job.output().path();
    JsonLinesSink file = new JsonLinesSink(vertx, path);
    return Outputs.openAll(vertx, List.of(file), true).map(v -> {
      start(job, runId, from, file, "from its checkpoint, appending to " + path, path);
      return null;
    });
  }

  /** The run goes on from the state in the dataDir, writing where the owner wrote. */
  private Future<Void> fromDisk(JobSpec given, String output, String runId, String from) {
    if (dataDir == null || output == null) {
      return Future.failedFuture(new IllegalStateException("it kept its frontier in a dataDir that this node does not"
          + " have; give every node the same dataDir on shared storage to take such runs over"));
    }
    OutputSpec o = given.output();
    JobSpec job = new JobSpec(given.name(), given.urls(), given.urlsFile(), given.extract(),
        new OutputSpec(Path.of(output), o.format(), o.onlyChanged(), o.keepRuns()), given.fetch(), given.follow(),
        given.sitemap(), given.schedule(), given.maxRunMs(), given.webhook(), given.source());
    return vertx.executeBlocking(() -> SavedRun.unfinished(job, dataDir)).compose(unfinished -> unfinished
        ? JobState.open(vertx, job, dataDir, false)
        : Future.failedFuture(new IllegalStateException("its dataDir '" + dataDir + "' holds no unfinished run of job "
            + job.name() + " here; give every node the same dataDir on shared storage to take such runs over")))
        .map(state -> {
          start(job, runId, from, new StoredSink(state), "from its dataDir, appending to " + output, Path.of(output));
          return null;
        });
  }

  private void start(JobSpec job, String runId, String from, Sink sink, String how, Path path) {
    say.accept("scraper: node " + from + " left the cluster; this node takes over its run " + runId + " of job "
        + job.name() + " " + how);
    Run run = engine.submit(job, runId, sink, new RunListener() {
      @Override
      public void record(Record record) {
      }

      @Override
      public void problem(String message) {
        say.accept(message);
      }
    }, null);
    run.done().onComplete(ar -> say.accept("scraper: run " + runId + " of job " + job.name() + " (taken over from "
        + from + ") ended: " + sink.written() + " records appended to " + path + "; fetched by " + fetchedBy(run)));
  }

  /** Node to URLs it fetched for the run since this node took it over, as "a 12, b 40". */
  private static String fetchedBy(Run run) {
    StringBuilder b = new StringBuilder();
    run.stats().nodes(null).forEach((node, n) -> b.append(b.length() == 0 ? "" : ", ").append(node).append(' ')
        .append(n));
    return b.length() == 0 ? "none" : b.toString();
  }
}
