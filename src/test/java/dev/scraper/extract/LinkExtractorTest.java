package dev.scraper.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scraper.config.FieldSpec;
import dev.scraper.fetch.FetchResult;
import dev.scraper.parse.ParseStage;
import dev.scraper.record.Record;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The links a page offers, as the parse stage hands them back with the page's record (for the crawl to come). */
@ExtendWith(VertxExtension.class)
class LinkExtractorTest {
  private static final String PAGE = """
      <html><head><base href="http://site.test/shop/"></head><body>
      <a href="item/1">one</a> <a href="/about">about</a> <a href="https://other.test/x#f">other</a>
      <a>no href</a> <a href="">empty</a> <a class="next" href="?page=2">next</a></body></html>""";

  @Test
  void linksAreMadeAbsoluteAgainstTheBaseHrefInPageOrder() {
    List<String> links = new LinkExtractor("a[href]").links(Jsoup.parse(PAGE, "http://site.test/shop/list"));
    // an empty href is the base itself, as a browser sees it; an <a> without href is no link
    assertEquals(List.of("http://site.test/shop/item/1", "http://site.test/about", "https://other.test/x#f",
        "http://site.test/shop/", "http://site.test/shop/?page=2"), links);
  }

  @Test
  void onlyTheLinksTheSelectorNamesAreTaken() {
    assertEquals(List.of("http://site.test/shop/?page=2"),
        new LinkExtractor("a.next").links(Jsoup.parse(PAGE, "http://site.test/shop/list")));
  }

  @Test
  void theParseStageReturnsTheLinksWithTheRecordWhenAskedAndNoneOtherwise(Vertx vertx, VertxTestContext ctx) {
    ParseStage stage = new ParseStage(vertx, 1);
    Buffer body = Buffer.buffer(PAGE);
    FetchResult f = new FetchResult("http://site.test/shop/list", "http://site.test/shop/list", 200, 1, body,
        body.length(), "text/html", null, 0, 1, null, List.of(), null);
    Extractor fields = new Extractor(Map.of("next", new FieldSpec("next", "a.next", "abs:href", false, false)));
    ParseStage.RecordMaker maker = (r, bytes, extracted, type, message) -> new Record("j", "r", r.url(), r.finalUrl(),
        r.status(), 0, bytes, r.contentType(), 0, 1, 0, null, true, extracted == null ? new JsonObject() : extracted,
        type == null ? null : type.wire(), message);
    vertx.runOnContext(v -> stage.process(f, fields, new LinkExtractor("a.next"), 1_000_000, maker)
        .compose(with -> stage.process(f, fields, 1_000_000, maker).map(without -> {
          ctx.verify(() -> {
            assertEquals(List.of("http://site.test/shop/?page=2"), with.links());
            assertEquals("http://site.test/shop/?page=2", with.record().fields().getString("next"));
            assertEquals(null, without.links());
          });
          return without;
        })).onComplete(ctx.succeedingThenComplete()));
  }
}
