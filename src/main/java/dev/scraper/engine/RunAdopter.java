package dev.scraper.engine;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Takes over a run whose owner died ({@link Takeover}): opens this node's output for the job and submits it under the
 * same run id; the engine resumes it from its checkpoint. Called on the engine's context.
 */
public interface RunAdopter {
  /**
   * @param source the job's source (see {@link dev.scraper.config.JobSpec#source()})
   * @param runId the run's id, kept
   * @param from the name of the node that owned it
   * @return completes when the run is submitted (fails when the output cannot be opened here)
   */
  Future<Void> adopt(JsonObject source, String runId, String from);
}
