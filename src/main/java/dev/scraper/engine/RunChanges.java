package dev.scraper.engine;

import dev.scraper.fetch.FetchResult;
import dev.scraper.fetch.Validators;
import dev.scraper.record.Record;
import dev.scraper.state.ChangeLog;
import dev.scraper.state.KnownUrl;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A run's view of the engine's {@link Changes}: the last good answers of its job's URLs, and what it learns from
 * each record. With dataDir they are also kept on disk, in the job's {@code changes.db}, through a {@link ChangeLog}:
 * the run's own state (written in the batch of the URL's record, off the event loop), or one the job keeps open
 * across its runs ({@link #keepIn}); what it holds is read back when the run starts, so that the runs of another
 * process detect changes too. In a cluster ({@link ClusterChanges}), the run first loads its job's answers from the
 * job's cluster map, left there by whichever node ran it last, and writes back what it learns; they are loaded after
 * the ChangeLog's, so for a URL in both the cluster's answer wins (it is the job's last, whereas the disk holds this
 * node's last), and the ChangeLog fills in the rest (after the whole cluster was restarted, say); the ChangeLog keeps
 * being written as without a cluster. Event-loop owned.
 */
final class RunChanges {
  private final Changes changes;
  private final String job;
  private ChangeLog state;
  /** The job's answers in the cluster, or null outside a cluster. */
  private final ClusterChanges.Share share;

  RunChanges(Changes changes, String job, ChangeLog state) {
    this.changes = changes;
    this.job = job;
    this.share = changes.share(job);
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

  /**
   * Runs {@code start} (the run's first read) once the job's answers in the cluster are loaded, at once outside a
   * cluster; when they do not come in time (or the cluster fails) the run starts without them and says so.
   */
  void ready(RunListener listener, Runnable start) {
    if (share == null) {
      start.run();
      return;
    }
    share.load().onComplete(ar -> {
      if (ar.failed()) {
        listener.problem("scraper: job " + job + ": the last answers of its URLs in the cluster were not loaded ("
            + ar.cause().getMessage() + "): this run starts without them, so its records may be changed: true");
      }
      start.run();
    });
  }

  /** The run ended: completes (never fails) when what it learned is in the cluster, or given up on; at once outside. */
  Future<Void> shared() {
    return share == null ? Future.succeededFuture() : share.end();
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
    if (share != null) {
      share.learned(url, fields, v);
    }
    if (state != null) {
      state.change(new KnownUrl(url, v == null ? null : v.etag(), v == null ? null : v.lastModified(),
          fields == null ? null : fields.encode()));
    }
  }
}
