package dev.scraper.job;

import dev.scraper.metrics.RunStats;

/**
 * How one job's run ended.
 *
 * @param job job name
 * @param runId run id
 * @param stats counters
 * @param outputFailure why the output could not be written, or null
 * @param sourceFailure why reading the URLs stopped early (the rest of the list has no records), or null
 */
public record JobResult(String job, String runId, RunStats stats, Throwable outputFailure, Throwable sourceFailure) {
}
