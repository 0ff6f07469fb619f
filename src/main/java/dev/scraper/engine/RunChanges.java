package dev.scraper.engine;

import dev.scraper.fetch.FetchResult;
import dev.scraper.fetch.Validators;
import dev.scraper.record.Record;
import dev.scraper.state.ChangeLog;
import dev.scraper.state.KnownUrl;
import io.vertx.core.json.JsonObject;

/**
 * A run's view of the engine's {@link Changes}: the last good answers of its job's URLs, and what it learns from
 * each record. With dataDir they are also kept on disk, in the job's {@code changes.db}, through a {@link ChangeLog}:
 * the run's own state (written in the batch of the URL's record, off the event loop), or one the job keeps open
 * across its runs ({@link #keepIn}); what it holds is read back when the run starts, so that the runs of another
 * process detect changes too. Event-loop owned.
 */
final class RunChanges {
  private final Changes changes;
  private final String job;
  private ChangeLog state;

  RunChanges(Changes changes, String job, ChangeLog state) {
    this.changes = changes;
    this.job = job;
    keepIn(state);
  }

  /**
   * Keeps the answers in {@code log} too (before the run starts), unless the run's own state keeps them already; reads
   * what it holds.
   */
  void keepIn(ChangeLog log) {
    if (state == null && log != null) {
      state = log;
      for (KnownUrl k : log.known()) {
        Validators v = k.etag() == null && k.lastModified() == null ? null
            : new Validators(k.etag(), k.lastModified());
        changes.remember(job, k.url(), new JsonObject(k.fields()), v);
      }
    }
  }

  /** The URL's last good answer in this job (normal form), or null. */
  Changes.Last last(String url) {
    return changes.last(job, url);
  }

  /**
   * Learns from a URL's record: a good answer's fields and validators are kept (a 304 keeps the last fields, with
   * its validators if it sent any); an error forgets the URL, so that its next good answer is a change.
   */
  void learn(String url, Record r, FetchResult f, Changes.Last last) {
    JsonObject fields;
    Validators v;
    if (!r.ok()) {
      fields = null;
      v = null;
    } else if (!f.notModified()) {
      fields = r.fields();
      v = f.validators();
    } else if (last != null) {
      fields = last.fields();
      v = f.validators() != null ? f.validators() : last.validators();
    } else {
      return;
    }
    if (fields == null) {
      changes.forget(job, url);
    } else {
      changes.remember(job, url, fields, v);
    }
    if (state != null) {
      state.change(new KnownUrl(url, v == null ? null : v.etag(), v == null ? null : v.lastModified(),
          fields == null ? null : fields.encode()));
    }
  }
}
