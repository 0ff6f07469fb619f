package dev.scraper.state;

import java.util.List;

/**
 * Where a job's change state (each URL's last good answer: fields and validators) is kept on disk, in {@code
 * <dataDir>/<job>/changes.db}: by a run's {@link JobState} (one-shot runs, written with its records), or by a {@link
 * ChangeFile} of its own (the runs of scheduled jobs and of the management API). Event-loop owned.
 */
public interface ChangeLog {
  /** The answers kept when it was opened, once: later calls give an empty list (the engine has them in memory). */
  List<KnownUrl> known();

  /** Keeps a URL's last good answer, or forgets it ({@code fields} null); written off the event loop, batched. */
  void change(KnownUrl known);
}
