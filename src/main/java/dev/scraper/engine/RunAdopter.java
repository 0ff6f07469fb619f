package dev.scraper.engine;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Takes over a run whose owner died ({@link Takeover}): opens this node's output for the job and submits it under the
 * same run id; the engine resumes it from its checkpoint. A run that kept its frontier in its dataDir is resumed from
 * there instead, when this node reaches that dataDir (shared storage). Called on the engine's context.
 */
public interface RunAdopter {
  /**
   * @param run the run's entry in the cluster: {@code run} (its id, kept), {@code source} (the job's source, see
   *     {@link dev.scraper.config.JobSpec#source()}), {@code ownerName}, {@code output} (the owner's output file, or
   *     null), {@code onDisk} (its frontier is in its dataDir)
   * @return completes when the run is submitted (fails when it cannot be taken over here, saying why)
   */
  Future<Void> adopt(JsonObject run);
}
