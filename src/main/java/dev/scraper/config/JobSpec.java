package dev.scraper.config;

import dev.scraper.schedule.Schedule;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One job of the config.
 *
 * @param name [A-Za-z0-9_-]+, unique in the config
 * @param urls the inline URLs, validated absolute http/https URLs, in order (may be empty)
 * @param urlsFile a file with one URL a line, {@link #STDIN}, or null; checked readable at load time, read as a
 *     stream at run time
 * @param extract field name to field spec, in config order
 * @param output where records go
 * @param fetch how politely and how long to fetch
 * @param follow how to crawl from the pages fetched, or null to fetch only the URLs given
 * @param sitemap the sitemaps whose URLs the job fetches too ({@link SitemapSpec#NONE} when none)
 * @param schedule when the job runs, or null: once, at start
 * @param maxRunMs a run still going after this many ms is cancelled; -1 for no limit
 * @param webhook where each run's changed records are POSTed (JSON lines, in batches), or null
 * @param source the job as given, with "defaults" as given, as a config of one job (another node of a cluster reads
 *     it: {@link LentJob}), or null
 */
public record JobSpec(String name, List<String> urls, Path urlsFile, Map<String, FieldSpec> extract,
                      OutputSpec output, FetchPolicy fetch, FollowSpec follow, SitemapSpec sitemap,
                      Schedule schedule, long maxRunMs, String webhook, JsonObject source) {
  /** {@code "urlsFile": "-"}: the URLs are read from the process's standard input. */
  public static final Path STDIN = Path.of("-");

  public JobSpec {
    urls = List.copyOf(urls);
    extract = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extract));
  }

  /** A job without a schedule or a time limit. */
  public JobSpec(String name, List<String> urls, Path urlsFile, Map<String, FieldSpec> extract, OutputSpec output,
                 FetchPolicy fetch, FollowSpec follow, SitemapSpec sitemap) {
    this(name, urls, urlsFile, extract, output, fetch, follow, sitemap, null, Defaults.MAX_RUN_MS, null, null);
  }

  /** A job that fetches only the URLs it is given. */
  public JobSpec(String name, List<String> urls, Path urlsFile, Map<String, FieldSpec> extract, OutputSpec output,
                 FetchPolicy fetch) {
    this(name, urls, urlsFile, extract, output, fetch, null, SitemapSpec.NONE);
  }

  /** A job that crawls from the URLs it is given ({@code follow} null: fetches only them). */
  public JobSpec(String name, List<String> urls, Path urlsFile, Map<String, FieldSpec> extract, OutputSpec output,
                 FetchPolicy fetch, FollowSpec follow) {
    this(name, urls, urlsFile, extract, output, fetch, follow, SitemapSpec.NONE);
  }

  /** Whether this job reads its URLs from standard input. */
  public boolean readsStdin() {
    return STDIN.equals(urlsFile);
  }
}
