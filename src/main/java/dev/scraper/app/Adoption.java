package dev.scraper.app;

import dev.scraper.config.JobSpec;
import dev.scraper.config.LentJob;
import dev.scraper.engine.Engine;
import dev.scraper.engine.Run;
import dev.scraper.engine.RunAdopter;
import dev.scraper.engine.RunListener;
import dev.scraper.record.Record;
import dev.scraper.sink.JsonLinesSink;
import dev.scraper.sink.Outputs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * This node takes over a run of a node that died: the job is read from the run's checkpoint with this node's output
 * directory, its output is opened for appending (never truncated: on one machine it may be the file the dead node
 * wrote), and the run goes on under its id. Lines go to {@code say}.
 */
final class Adoption implements RunAdopter {
  private final Vertx vertx;
  private final Engine engine;
  private final Path outputDir;
  private final Consumer<String> say;

  Adoption(Vertx vertx, Engine engine, Path outputDir, Consumer<String> say) {
    this.vertx = vertx;
    this.engine = engine;
    this.outputDir = outputDir;
    this.say = say;
  }

  /** Node to URLs it fetched for the run since this node took it over, as "a 12, b 40". */
  private static String fetchedBy(Run run) {
    StringBuilder b = new StringBuilder();
    run.stats().nodes(null).forEach((node, n) -> b.append(b.length() == 0 ? "" : ", ").append(node).append(' ')
        .append(n));
    return b.length() == 0 ? "none" : b.toString();
  }

  @Override
  public Future<Void> adopt(JsonObject source, String runId, String from) {
    JobSpec job;
    try {
      JsonObject config = source.copy();
      if (outputDir != null) {
        config.put("outputDir", outputDir.toString());
      }
      job = LentJob.read(config, Path.of("").toAbsolutePath());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Path path = job.output().toStdout() ? Path.of(outputDir == null ? "." : outputDir.toString(),
        job.name() + "-" + runId + ".jsonl") : job.output().path();
    JsonLinesSink file = new JsonLinesSink(vertx, path);
    return Outputs.openAll(vertx, List.of(file), true).map(v -> {
      say.accept("scraper: node " + from + " left the cluster; this node takes over its run " + runId + " of job "
          + job.name() + " from its checkpoint, appending to " + path);
      Run run = engine.submit(job, runId, file, new RunListener() {
        @Override
        public void record(Record record) {
        }

        @Override
        public void problem(String message) {
          say.accept(message);
        }
      }, null);
      run.done().onComplete(ar -> say.accept("scraper: run " + runId + " of job " + job.name() + " (taken over from "
          + from + ") ended: " + file.written() + " records appended to " + path + "; fetched by " + fetchedBy(run)));
      return null;
    });
  }
}
