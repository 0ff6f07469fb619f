package dev.scraper.frontier;

import dev.scraper.config.JobSpec;
import io.vertx.core.Vertx;

/** The URL source of a job: its inline {@code urls}, then its {@code urlsFile} (or stdin) read as a stream. */
public final class UrlSources {
  private UrlSources() {
  }

  public static UrlSource of(Vertx vertx, JobSpec job) {
    if (job.urlsFile() == null) {
      return new ListSource(job.urls());
    }
    UrlSource file = job.readsStdin() ? FileSource.stdin(vertx) : new FileSource(vertx, job.urlsFile());
    return job.urls().isEmpty() ? file : new ConcatSource(new ListSource(job.urls()), file);
  }
}
