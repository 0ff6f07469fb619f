package dev.scraper.robots;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scraper.config.FetchPolicy;
import dev.scraper.fetch.FetchResult;
import dev.scraper.url.WebUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The robots.txt cache is bounded by bytes as well as by hosts: a crawl of many hosts with big files stays small. */
@ExtendWith(VertxExtension.class)
class RobotsCacheTest {
  @Test
  void bigRobotsFilesOfManyHostsPushTheEldestOutOfTheCache(Vertx vertx, VertxTestContext ctx) {
    AtomicInteger fetches = new AtomicInteger();
    Buffer big = Buffer.buffer("User-agent: *\nDisallow: /private\n# " + "x".repeat(400_000) + "\n");
    RobotsFetch fetch = (url, policy) -> {
      fetches.incrementAndGet();
      return Future.succeededFuture(new FetchResult(url.toString(), url.toString(), 200, 1, big, big.length(),
          "text/plain", null, 0, 1, null, List.of(), null));
    };
    FetchPolicy policy = FetchPolicy.defaults();
    vertx.runOnContext(v -> {
      RobotsRules rules = new RobotsRules(vertx, fetch);
      Future<?> chain = Future.succeededFuture();
      List<WebUrl> hosts = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        hosts.add(WebUrl.parse("http://host" + i + ".test/private/x"));
      }
      for (WebUrl host : hosts) {
        chain = chain.compose(x -> rules.check(host, policy));
      }
      chain.compose(x -> rules.check(hosts.get(99), policy)).compose(x -> rules.check(hosts.get(0), policy))
          .onComplete(ctx.succeeding(verdict -> ctx.verify(() -> {
            // 100 files of 0.4 MB count 0.8 MB each: about 40 fit in 32 MB, so the first host was pushed out
            assertEquals(101, fetches.get(), "the latest host stayed cached; the first one was fetched again");
            ctx.completeNow();
          })));
    });
  }
}
