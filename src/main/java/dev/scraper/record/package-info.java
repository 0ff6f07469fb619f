/**
 * What each URL of a run comes to: the {@link dev.scraper.record.Record} written to the output, and the closed
 * vocabulary of its error types, which every stage uses.
 */
package dev.scraper.record;
