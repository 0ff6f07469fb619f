/**
 * What the runs of a long-running process leave behind once they ended: a summary per run ({@link
 * dev.scraper.history.RunSummary}, built from its records by {@link dev.scraper.history.SummaryBuilder}), the last
 * few per job in memory ({@link dev.scraper.history.RunHistory}) and, with dataDir, in
 * {@code <dataDir>/<job>/runs.jsonl} ({@link dev.scraper.history.SummaryLog}). Free of Vert.x Web and Micrometer:
 * scheduled jobs without the management API keep summaries too.
 */
package dev.scraper.history;
