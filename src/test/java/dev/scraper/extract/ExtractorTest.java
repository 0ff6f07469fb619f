package dev.scraper.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.config.FieldSpec;
import dev.scraper.testing.routes.ExtractRoute;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class ExtractorTest {
  private static final String SITE = "http://127.0.0.1:8123";
  private static final String PAGE = SITE + "/extract.html";

  private static Map<String, FieldSpec> specs(FieldSpec... fields) {
    Map<String, FieldSpec> map = new LinkedHashMap<>();
    for (FieldSpec f : fields) {
      map.put(f.name(), f);
    }
    return map;
  }

  /** The fixture page the route serves (private there, read once here so the constants are checked against it). */
  private static Document extractRoutePage() throws ReflectiveOperationException {
    Field html = ExtractRoute.class.getDeclaredField("HTML");
    html.setAccessible(true);
    return Jsoup.parse((String) html.get(null), PAGE);
  }

  @Test
  void everySelectorFormOnTheExtractRouteGivesTheRoutesDocumentedValues() throws Exception {
    Extractor extractor = new Extractor(specs(
        new FieldSpec("title", "h1", null, false, false),
        new FieldSpec("price", ".price", null, false, false),
        new FieldSpec("tags", ".tag", null, true, false),
        new FieldSpec("image", "img", "abs:src", false, false),
        new FieldSpec("article", "article", null, false, true),
        new FieldSpec("missing", ExtractRoute.MISSING, null, false, false),
        new FieldSpec("missingAll", ExtractRoute.MISSING, null, true, false)));

    JsonObject fields = extractor.extract(extractRoutePage());

    assertEquals(ExtractRoute.TITLE, fields.getString("title"));
    assertEquals(ExtractRoute.PRICE, fields.getString("price"));
    assertEquals(new JsonArray(ExtractRoute.TAGS), fields.getJsonArray("tags"));
    assertEquals(SITE + ExtractRoute.IMAGE_PATH, fields.getString("image"));
    assertEquals(ExtractRoute.ARTICLE_HTML, fields.getString("article"));
    assertTrue(fields.containsKey("missing"), "a missing match is present as null");
    assertNull(fields.getValue("missing"));
    assertEquals(new JsonArray(), fields.getJsonArray("missingAll"));
  }

  @Test
  void fieldsComeOutInConfigOrder() {
    Extractor extractor = new Extractor(specs(
        new FieldSpec("zeta", "h1", null, false, false),
        new FieldSpec("alpha", "p", null, false, false),
        new FieldSpec("mid", ".none", null, false, false),
        new FieldSpec("beta", "a", "href", true, false)));

    JsonObject fields = extractor.extract(Jsoup.parse("<h1>T</h1><p>P</p><a href=\"/x\">x</a>", "http://h/"));

    assertEquals(List.of("zeta", "alpha", "mid", "beta"), List.copyOf(fields.fieldNames()));
    assertEquals("{\"zeta\":\"T\",\"alpha\":\"P\",\"mid\":null,\"beta\":[\"/x\"]}", fields.encode());
  }

  @Test
  void noFieldsGiveAnEmptyObject() {
    assertEquals(new JsonObject(), new Extractor(Map.of()).extract(Jsoup.parse("<p>x</p>")));
  }

  @Test
  void oneExtractorServesManyDocuments() {
    Extractor extractor = new Extractor(specs(new FieldSpec("h", "h1", null, false, false)));
    assertEquals("one", extractor.extract(Jsoup.parse("<h1>one</h1>")).getString("h"));
    assertEquals("two", extractor.extract(Jsoup.parse("<h1> two </h1>")).getString("h"));
    assertNull(extractor.extract(Jsoup.parse("<h2>none</h2>")).getString("h"));
  }
}
