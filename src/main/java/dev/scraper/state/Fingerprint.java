package dev.scraper.state;

import dev.scraper.config.JobSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a job's saved frontier depends on, as one SHA-256: its seeds ({@code urls}, {@code urlsFile},
 * {@code sitemap}), how it follows links, and the output that holds what is done. A resumed run with another value
 * would mix two crawls, so it is refused. (What a sitemap lists is not in it: a sitemap that changed between two
 * runs is read on from the place its first run stopped.) Pure.
 */
final class Fingerprint {
  private Fingerprint() {
  }

  static String of(JobSpec job) {
    String text = "urls=" + job.urls() + "\nurlsFile=" + (job.urlsFile() == null ? null
        : job.urlsFile().toAbsolutePath().normalize()) + "\nfollow=" + job.follow() + "\noutput="
        + job.output().path() + "\nsitemap=" + job.sitemap();
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
          text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
