package dev.scraper.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.config.FetchPolicy;
import dev.scraper.memory.MemoryBudget;
import dev.scraper.record.ErrorType;
import dev.scraper.testing.TestSite;
import dev.scraper.url.WebUrl;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fetch phases through the public surface of {@link Fetcher}, with the engine's parts replaced by small fakes:
 * every request after the first asks the gate for its own slot, every slot is given back exactly once, the time
 * spent waiting at the gate is not the server's, and an exception of ours anywhere ends the URL as
 * {@code internal} instead of leaving it hanging.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class FetcherTest {
  /** Slots handed out and given back. */
  private final AtomicInteger handed = new AtomicInteger();
  private final AtomicInteger released = new AtomicInteger();
  private final List<String> asked = new ArrayList<>();

  private Slot slot() {
    handed.incrementAndGet();
    boolean[] done = {false};
    return () -> {
      assertTrue(!done[0], "a slot released twice");
      done[0] = true;
      released.incrementAndGet();
    };
  }

  /** A gate that records each target and answers with {@code answer}. */
  private StartGate gate(Function<WebUrl, Future<Slot>> answer) {
    return (target, policy) -> {
      asked.add(target.toString());
      return answer.apply(target);
    };
  }

  private static FetchPolicy policy(long timeoutMs) {
    FetchPolicy d = FetchPolicy.defaults();
    return new FetchPolicy(d.concurrency(), d.perHost(), 0, timeoutMs, d.connectTimeoutMs(), d.idleTimeoutMs(), true,
        d.maxRedirects(), d.maxBodyBytes(), 0, d.retryOn(), d.userAgent(), d.headers(), false, true,
        d.maxRetryAfterMs(), d.maxCrawlDelayMs(), d.method(), d.expectStatus(), d.tlsProxy());
  }

  /** Fetches {@code url} on an event loop, as the engine does. */
  private Future<FetchResult> fetch(Vertx vertx, String url, FetchPolicy policy, StartGate gate,
                                    FetchObserver observer) {
    Promise<FetchResult> result = Promise.promise();
    vertx.runOnContext(v -> {
      Fetcher fetcher = Fetcher.create(vertx, new MemoryBudget(1L << 30));
      fetcher.fetch(WebUrl.parse(url), policy, slot(), gate, observer).result()
          .onComplete(ar -> fetcher.close().onComplete(x -> result.handle(ar)));
    });
    return result.future();
  }

  @Test
  void eachRedirectHopAsksTheGateForASlotOfItsOwnAndEverySlotIsReleasedOnce(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> fetch(vertx, site.url("/redirect/3"), policy(10_000),
        gate(t -> Future.succeededFuture(slot())), FetchObserver.NONE).map(f -> {
          ctx.verify(() -> {
            assertNull(f.error(), String.valueOf(f.error()));
            assertEquals(site.url("/page/1.html"), f.finalUrl());
            assertEquals(List.of(site.url("/redirect/2"), site.url("/redirect/1"), site.url("/redirect/0"),
                site.url("/page/1.html")), asked);
            assertEquals(5, handed.get());
            assertEquals(5, released.get(), "every slot given back");
            f.release();
          });
          return f;
        })).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void waitingAtTheGateDoesNotCountAgainstTheUrlsBudget(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> fetch(vertx, site.url("/redirect/1"), policy(1_000),
        gate(t -> {
          Promise<Slot> later = Promise.promise();
          vertx.setTimer(2_000, id -> later.complete(slot())); // the host's turn comes after twice the budget
          return later.future();
        }), FetchObserver.NONE).map(f -> {
          ctx.verify(() -> {
            assertNull(f.error(), "politeness is not the server's slowness: " + f.error());
            assertTrue(f.latencyMs() < 1_000, "latency leaves the wait out: " + f.latencyMs());
            assertEquals(handed.get(), released.get());
            f.release();
          });
          return f;
        })).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aGateRefusalEndsTheUrlWithTheGatesErrorAndTheRedirectStatus(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> fetch(vertx, site.url("/redirect/1"), policy(10_000),
        gate(t -> Future.failedFuture(new FetchError(ErrorType.ROBOTS, "redirect to " + t + " refused"))),
        FetchObserver.NONE).map(f -> {
          ctx.verify(() -> {
            assertEquals(ErrorType.ROBOTS, f.error().type());
            assertEquals(302, f.status());
            assertEquals(site.url("/redirect/0"), f.finalUrl(), "the refused hop");
            assertEquals(1, handed.get());
            assertEquals(1, released.get());
          });
          return f;
        })).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void anExceptionInTheGateEndsTheUrlAsInternal(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> fetch(vertx, site.url("/redirect/1"), policy(10_000),
        gate(t -> {
          throw new IllegalStateException("bug in the gate");
        }), FetchObserver.NONE).map(f -> {
          ctx.verify(() -> {
            assertEquals(ErrorType.INTERNAL, f.error().type());
            assertTrue(f.error().getMessage().contains("bug in the gate"), f.error().getMessage());
            assertEquals(handed.get(), released.get());
          });
          return f;
        })).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void anExceptionInTheObserverEndsTheUrlAsInternalNotAHang(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).compose(site -> fetch(vertx, site.url("/page/1.html"), policy(10_000),
        gate(t -> Future.succeededFuture(slot())), (host, status, ms, retryAfter) -> {
          throw new NullPointerException("bug in the observer");
        }).map(f -> {
          ctx.verify(() -> {
            assertEquals(ErrorType.INTERNAL, f.error().type(), String.valueOf(f.error()));
            assertEquals(1, released.get());
          });
          return f;
        })).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void cancelEndsTheFetchAtOnceAsCancelled(Vertx vertx, VertxTestContext ctx) {
    TestSite.start(vertx).onComplete(ctx.succeeding(site -> vertx.runOnContext(v -> {
      Fetcher fetcher = Fetcher.create(vertx, new MemoryBudget(1L << 30));
      Fetcher.Fetch f = fetcher.fetch(WebUrl.parse(site.url("/slow?ms=20000")), policy(30_000), slot(),
          gate(t -> Future.succeededFuture(slot())), FetchObserver.NONE);
      long started = System.nanoTime();
      vertx.setTimer(200, id -> f.cancel("the run was shut down"));
      f.result().onComplete(ctx.succeeding(r -> ctx.verify(() -> {
        assertEquals(ErrorType.CANCELLED, r.error().type());
        assertTrue((System.nanoTime() - started) / 1_000_000 < 10_000, "not the server's 20 s");
        assertEquals(1, released.get());
        fetcher.close();
        ctx.completeNow();
      })));
    })));
  }
}
