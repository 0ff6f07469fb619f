package dev.scraper.engine;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * Every crawl of {@link CrawlTest} again with {@code dataDir}: the frontier, the seen set and the trap guards on disk
 * give the same records (one per page, depth, referrer, scope after a redirect, maxPages as a hard limit).
 */
class CrawlOnDiskTest extends CrawlTest {
  @Override
  Future<EngineRun> runJob(Vertx vertx, JsonObject job, Path workDir) {
    return EngineRun.run(vertx, EngineRun.oneJob(job.copy()).put("dataDir", workDir.resolve("data").toString()),
        workDir);
  }
}
