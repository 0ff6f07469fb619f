/**
 * When jobs run: a job's {@link dev.scraper.schedule.Schedule} (a cron expression or a fixed interval aligned to the
 * wall clock, with optional jitter) and the {@link dev.scraper.schedule.Trigger} that fires it on the event loop with
 * one timer armed for the next slot at a time, skipping (and counting) the slots that come while a run still goes;
 * in a cluster a slot runs on the one node that claimed it ({@link dev.scraper.schedule.SlotClaims}). Nothing here
 * knows about jobs (beyond their names) or the engine.
 */
package dev.scraper.schedule;
