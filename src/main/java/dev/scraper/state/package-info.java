/**
 * A job's state between runs under {@code dataDir}: its frontier, seen set and output position in one SQLite
 * database per job, written by one worker thread, so that a run killed at any point resumes with nothing lost or
 * doubled.
 */
package dev.scraper.state;
