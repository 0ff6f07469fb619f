package dev.scraper.sitemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.config.Defaults;
import dev.scraper.testing.routes.SitemapRoute;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A sitemap document read from its bytes, whatever its form; what cannot be read says why. */
class SitemapDocTest {
  private static final String URL = "http://s.test/sitemap.xml";
  private static final List<String> PAGES = List.of("http://s.test/a.html", "http://s.test/b?x=1&y=2",
      "http://other.test/c.html");

  @Test
  void anXmlSitemapGivesItsUrlsInOrderOnAnyHost() throws Exception {
    SitemapDoc doc = SitemapDoc.read(Buffer.buffer(SitemapRoute.urlset(PAGES)), null, "text/xml", URL);
    assertEquals(new SitemapDoc(false, PAGES, 3), doc);
  }

  @Test
  void anIndexGivesItsSitemaps() throws Exception {
    List<String> maps = List.of("http://s.test/one.xml", "http://s.test/two.xml.gz");
    SitemapDoc doc = SitemapDoc.read(Buffer.buffer(SitemapRoute.index(maps)), null, "application/xml", URL);
    assertEquals(new SitemapDoc(true, maps, 2), doc);
  }

  @Test
  void aTextSitemapIsOneUrlALine() throws Exception {
    SitemapDoc doc = SitemapDoc.read(Buffer.buffer("\uFEFF" + String.join("\r\n", PAGES) + "\r\n\r\n"), null,
        "text/plain; charset=utf-8", "http://s.test/sitemap.txt");
    assertEquals(PAGES, doc.urls());
  }

  @Test
  void theContentDecidesOverAWrongContentType() throws Exception {
    SitemapDoc doc = SitemapDoc.read(Buffer.buffer(SitemapRoute.urlset(PAGES)), null, "text/plain", URL);
    assertEquals(PAGES, doc.urls(), "XML served as text/plain is still XML");
  }

  @Test
  void aGzipFileIsReadByItsContentAndUnderAGzipContentEncodingToo() throws Exception {
    byte[] gz = SitemapRoute.gzip(SitemapRoute.urlset(PAGES));
    assertEquals(PAGES, SitemapDoc.read(Buffer.buffer(gz), null, "application/x-gzip", URL + ".gz").urls());
    assertEquals(PAGES, SitemapDoc.read(Buffer.buffer(gz), null, null, URL + ".gz").urls());
    // a server that compresses its answer again (Content-Encoding: gzip over a .gz file)
    assertEquals(PAGES, SitemapDoc.read(Buffer.buffer(gzipBytes(gz)), "gzip", "application/x-gzip", URL + ".gz")
        .urls());
    // a plain sitemap under Content-Encoding: gzip
    assertEquals(PAGES, SitemapDoc.read(Buffer.buffer(gz), "gzip", "application/xml", URL).urls());
  }

  @Test
  void malformedXmlIsNotReadAndSaysWhy() {
    String cut = SitemapRoute.urlset(PAGES).substring(0, 150);
    SitemapDoc.Unreadable e = assertThrows(SitemapDoc.Unreadable.class,
        () -> SitemapDoc.read(Buffer.buffer(cut), null, "application/xml", URL));
    assertEquals("invalid-sitemap", e.kind);
    assertTrue(e.getMessage().startsWith("not a readable sitemap: "), e.getMessage());
  }

  @Test
  void anHtmlPageIsNotASitemap() {
    SitemapDoc.Unreadable e = assertThrows(SitemapDoc.Unreadable.class, () -> SitemapDoc.read(
        Buffer.buffer("<!doctype html><html><body><h1>Shop</h1></body></html>"), null, "text/html; charset=utf-8",
        URL));
    assertEquals("invalid-sitemap", e.kind);
    assertEquals("not a sitemap: neither XML nor a list of URLs (Content-Type text/html; charset=utf-8)",
        e.getMessage());
  }

  @Test
  void aDoctypeIsRefusedSoNoEntityIsExpanded() {
    String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE urlset [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
        + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>http://s.test/&x;</loc></url>"
        + "</urlset>";
    SitemapDoc.Unreadable e = assertThrows(SitemapDoc.Unreadable.class,
        () -> SitemapDoc.read(Buffer.buffer(xxe), null, "application/xml", URL));
    assertEquals("invalid-sitemap", e.kind);
  }

  @Test
  void aGzipFileThatDecodesPastTheCapIsNotRead() {
    byte[] bomb = gzipBytes(new byte[(int) Defaults.SITEMAP_MAX_BYTES + 1]);
    assertTrue(bomb.length < 200_000, "a small download: " + bomb.length);
    SitemapDoc.Unreadable e = assertThrows(SitemapDoc.Unreadable.class,
        () -> SitemapDoc.read(Buffer.buffer(bomb), null, "application/x-gzip", URL + ".gz"));
    assertEquals("body-too-large", e.kind);
    assertEquals(SitemapDoc.TOO_LARGE, e.getMessage());
  }

  @Test
  void aCorruptGzipFileIsNotASitemap() {
    byte[] gz = SitemapRoute.gzip(SitemapRoute.urlset(PAGES));
    byte[] cut = java.util.Arrays.copyOf(gz, gz.length / 2);
    SitemapDoc.Unreadable e = assertThrows(SitemapDoc.Unreadable.class,
        () -> SitemapDoc.read(Buffer.buffer(cut), null, "application/x-gzip", URL + ".gz"));
    assertEquals("invalid-sitemap", e.kind);
    assertTrue(e.getMessage().startsWith("gzip file: corrupt gzip body"), e.getMessage());
  }

  @Test
  void pastTheProtocolsLimitOnlyTheFirstUrlsAreTaken() throws Exception {
    int n = Defaults.SITEMAP_MAX_URLS + 1;
    List<String> many = IntStream.rangeClosed(1, n).mapToObj(i -> "http://s.test/p/" + i).toList();
    SitemapDoc doc = SitemapDoc.read(Buffer.buffer(SitemapRoute.urlset(many)), null, "application/xml", URL);
    assertEquals(n, doc.listed());
    assertEquals(Defaults.SITEMAP_MAX_URLS, doc.urls().size());
    assertEquals(many.get(Defaults.SITEMAP_MAX_URLS - 1), doc.urls().get(doc.urls().size() - 1));
    assertFalse(doc.index());
  }

  private static byte[] gzipBytes(byte[] data) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(data);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
