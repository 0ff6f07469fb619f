package dev.scraper.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 5, timeUnit = TimeUnit.SECONDS)
class ListSourceTest {
  private static final List<String> URLS = List.of("http://a.test/1", "http://a.test/2", "http://b.test/3",
      "http://b.test/4", "http://c.test/5", "http://c.test/6", "http://c.test/7");

  @Test
  void batchesOfThreeGiveEveryUrlInOrderWithItsIndexThenAnEmptyList(VertxTestContext ctx) {
    ListSource source = new ListSource(URLS);
    List<List<SourceEntry>> batches = new ArrayList<>();
    source.next(3).compose(b -> {
      batches.add(b);
      return source.next(3);
    }).compose(b -> {
      batches.add(b);
      return source.next(3);
    }).compose(b -> {
      batches.add(b);
      return source.next(3);
    }).compose(b -> {
      batches.add(b);
      return source.next(3);
    }).onComplete(ctx.succeeding(last -> ctx.verify(() -> {
      assertEquals(List.of(3, 3, 1, 0), batches.stream().map(List::size).toList());
      assertEquals(List.of(), last);
      List<SourceEntry> all = batches.stream().flatMap(List::stream).toList();
      for (int i = 0; i < URLS.size(); i++) {
        assertEquals(SourceEntry.of(URLS.get(i), "urls[" + i + "]"), all.get(i));
      }
      ctx.completeNow();
    })));
  }

  @Test
  void totalIsTheListSizeFromTheStart() {
    ListSource source = new ListSource(URLS);
    assertEquals(7, source.total());
    source.next(100);
    assertEquals(7, source.total());
  }

  @Test
  void anEmptyListIsExhaustedAtOnce(VertxTestContext ctx) {
    ListSource source = new ListSource(List.of());
    assertEquals(0, source.total());
    source.next(5).onComplete(ctx.succeeding(batch -> ctx.verify(() -> {
      assertTrue(batch.isEmpty());
      ctx.completeNow();
    })));
  }

  @Test
  void aBatchLargerThanTheListGivesTheWholeList(VertxTestContext ctx) {
    new ListSource(URLS).next(1_000).onComplete(ctx.succeeding(batch -> ctx.verify(() -> {
      assertEquals(URLS, batch.stream().map(SourceEntry::given).toList());
      ctx.completeNow();
    })));
  }

  @Test
  void closeSucceeds(VertxTestContext ctx) {
    new ListSource(URLS).close().onComplete(ctx.succeedingThenComplete());
  }
}
