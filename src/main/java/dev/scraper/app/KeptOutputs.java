package dev.scraper.app;

import dev.scraper.config.JobSpec;
import dev.scraper.config.OutputSpec;
import dev.scraper.sink.JsonLinesSink;
import dev.scraper.sink.NullSink;
import dev.scraper.sink.Outputs;
import dev.scraper.sink.Sink;
import dev.scraper.sink.StdoutSink;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outputs scheduled jobs keep open across their runs: a fixed path (locked, appended to) or stdout. */
final class KeptOutputs {
  private KeptOutputs() {
  }

  /**
   * Locks and opens the outputs of {@code specs} that are kept across runs, all or nothing, keeping what they hold;
   * job name to its output (a job writing a file per run has none).
   */
  static Future<Map<String, Sink>> open(Vertx vertx, Streams io, List<JobSpec> specs) {
    Map<String, Sink> sinks = new LinkedHashMap<>();
    List<JsonLinesSink> files = new ArrayList<>();
    for (JobSpec job : specs) {
      OutputSpec out = job.output();
      if (out.toStdout()) {
        sinks.put(job.name(), io.discard() ? new NullSink() : new StdoutSink(vertx));
      } else if (!out.perRun()) {
        JsonLinesSink file = new JsonLinesSink(vertx, out.path());
        files.add(file);
        sinks.put(job.name(), file);
      }
    }
    return Outputs.openAll(vertx, files, true).map(v -> sinks);
  }
}
