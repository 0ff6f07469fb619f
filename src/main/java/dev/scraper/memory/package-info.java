/**
 * The engine's memory budget: bytes held for bodies being received and pages being parsed, so that no mix of page
 * sizes can run the JVM out of heap.
 */
package dev.scraper.memory;
