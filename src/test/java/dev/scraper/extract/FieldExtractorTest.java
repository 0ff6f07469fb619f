package dev.scraper.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.scraper.config.FieldSpec;
import io.vertx.core.json.JsonArray;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldExtractorTest {
  private static final String BASE = "http://site.test/shop/page.html";
  private static final Document DOC = Jsoup.parse("<!doctype html><html><head><title>t</title></head><body>"
      + "<h1>\n   Hello \t  big\n\n   world   </h1>"
      + "<h2>second <em>heading</em></h2>"
      + "<p class=\"price\" data-sku=\"SKU-1\" data-empty=\"\">£5.00</p>"
      + "<img id=\"rel\" src=\"img/a.png\">"
      + "<img id=\"up\" src=\"../b.png\">"
      + "<img id=\"root\" src=\"/c.png\">"
      + "<img id=\"proto\" src=\"//cdn.test/d.png\">"
      + "<img id=\"absolute\" src=\"https://other.test/e.png\">"
      + "<img id=\"nosrc\" alt=\"none\">"
      + "<ul><li class=\"tag\">one</li><li class=\"tag\"> two  words </li><li class=\"tag\">three</li></ul>"
      + "<a class=\"nav\" href=\"p/1\">1</a><a class=\"nav\">no href</a><a class=\"nav\" href=\"../p/2\">2</a>"
      + "<div id=\"box\"><p>First <b>bold</b></p><p>Second</p></div>"
      + "</body></html>", BASE);

  private static Object extract(String css, String attr, boolean all, boolean html) {
    return new FieldExtractor(new FieldSpec("f", css, attr, all, html)).extract(DOC);
  }

  @Test
  void nameIsTheSpecsName() {
    assertEquals("title", new FieldExtractor(new FieldSpec("title", "h1", null, false, false)).name());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      h1          | Hello big world
      h2          | second heading
      .price      | £5.00
      li.tag      | one
      li.tag + li | two words
      """)
  void textIsTheFirstMatchTrimmedWithWhitespaceCollapsed(String css, String expected) {
    assertEquals(expected, extract(css, null, false, false));
  }

  @ParameterizedTest(name = "{0} [{1}] -> {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      .price     | data-sku | SKU-1
      img#rel    | src      | img/a.png
      img#up     | src      | ../b.png
      img#proto  | src      | //cdn.test/d.png
      img#nosrc  | alt      | none
      """)
  void plainAttrIsTheValueAsWritten(String css, String attr, String expected) {
    assertEquals(expected, extract(css, attr, false, false));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      img#rel      | http://site.test/shop/img/a.png
      img#up       | http://site.test/b.png
      img#root     | http://site.test/c.png
      img#proto    | http://cdn.test/d.png
      img#absolute | https://other.test/e.png
      """)
  void absAttrResolvesAgainstTheBaseUri(String css, String expected) {
    assertEquals(expected, extract(css, "abs:src", false, false));
  }

  @ParameterizedTest(name = "{0} [{1}] -> null")
  @CsvSource(delimiter = '|', textBlock = """
      img#nosrc | src
      img#nosrc | abs:src
      .price    | data-missing
      .price    | abs:data-missing
      .price    | data-empty
      """)
  void missingOrEmptyAttributeGivesNull(String css, String attr) {
    assertNull(extract(css, attr, false, false));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      .missing |
      table td | 
      .missing | href
      .missing | abs:href
      """)
  void missingMatchGivesNull(String css, String attr) {
    assertNull(extract(css, attr, false, false));
  }

  @Test
  void htmlIsTheInnerHtmlOfTheFirstMatch() {
    assertEquals("<p>First <b>bold</b></p>\n<p>Second</p>", extract("#box", null, false, true));
    assertEquals("First <b>bold</b>", extract("#box p", null, false, true));
  }

  @Test
  void htmlIsIgnoredWhenAnAttrIsGiven() {
    assertEquals("SKU-1", extract(".price", "data-sku", false, true));
  }

  @Test
  void htmlOfAMissingMatchIsNull() {
    assertNull(extract(".missing", null, false, true));
  }

  @Test
  void allGivesEveryMatchInDocumentOrder() {
    assertEquals(new JsonArray().add("one").add("two words").add("three"), extract("li.tag", null, true, false));
  }

  @Test
  void allWithAbsAttrResolvesEveryMatchAndSkipsElementsWithoutTheAttribute() {
    assertEquals(new JsonArray().add("http://site.test/shop/p/1").add("http://site.test/p/2"),
        extract("a.nav", "abs:href", true, false));
    assertEquals(new JsonArray().add("p/1").add("../p/2"), extract("a.nav", "href", true, false));
  }

  @Test
  void allWithHtmlGivesEveryInnerHtml() {
    assertEquals(new JsonArray().add("First <b>bold</b>").add("Second"), extract("#box p", null, true, true));
  }

  @Test
  void allWithNoMatchIsAnEmptyArray() {
    assertEquals(new JsonArray(), extract(".missing", null, true, false));
    assertEquals(new JsonArray(), extract(".missing", "abs:href", true, false));
  }

  @Test
  void selectorGroupsMatchInDocumentOrderNotSelectorOrder() {
    assertEquals(new JsonArray().add("Hello big world").add("second heading"), extract("h2, h1", null, true, false));
  }

  @Test
  void theCompiledSelectorIsReusableAcrossDocuments() {
    FieldExtractor f = new FieldExtractor(new FieldSpec("h", "h1", null, false, false));
    assertEquals("A", f.extract(Jsoup.parse("<h1>A</h1>")));
    assertEquals("B", f.extract(Jsoup.parse("<h1>B</h1>")));
    assertEquals("Hello big world", f.extract(DOC));
  }

  @Test
  void extractionIsScopedToTheGivenRootElement() {
    FieldExtractor f = new FieldExtractor(new FieldSpec("p", "p", null, false, false));
    assertEquals("First bold", f.extract(DOC.getElementById("box")));
  }
}
