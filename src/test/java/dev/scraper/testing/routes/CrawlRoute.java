package dev.scraper.testing.routes;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated site to crawl, under {@code /crawl/}, made on the fly: {@code index.html} links to the first listing
 * page and to everything odd a crawler meets; {@code list/N.html} (N = 1..{@link #LISTS}) lists
 * {@value #PER_LIST} items ({@code h3 a}) and the next page ({@code li.next a}); {@code item/K.html}
 * (K = 1..{@link #ITEMS}) has an {@code h1}, a link back to the index (a loop) and one to the next item (a cross
 * link). The index also links, for the rules to refuse: the same item in other spellings, an off-site host, mailto:
 * and javascript:, a rel=nofollow link, a tracking-parameter variant, a calendar that never ends
 * ({@code cal.html?m=N} links to {@code ?m=N+1}), a page with a {@code <base href>}, a noindex page and a nofollow
 * page whose links must not be followed. {@code sitemap.xml} is a sitemap index of {@code sitemap-lists.xml} (every
 * listing page) and {@code sitemap-more.xml.gz} (a gzip file: the index again, item 1 in another spelling, and
 * {@code orphan.html}, a page no page links to).
 */
public final class CrawlRoute implements Handler<HttpServerRequest> {
  public static final int LISTS = 20;
  public static final int PER_LIST = 50;
  public static final int ITEMS = LISTS * PER_LIST;

  @Override
  public void handle(HttpServerRequest req) {
    String path = req.path().substring("/crawl/".length());
    int port = req.localAddress().port();
    if (path.equals("index.html")) {
      html(req, "Index", "<ul><li class=\"next\"><a href=\"list/1.html\">first</a></li></ul>"
          + "<h3><a href=\"item/1.html\">one</a></h3>"
          + "<h3><a href=\"./item/../item/1.html#top\">one again</a></h3>"
          + "<h3><a href=\"HTTP://127.0.0.1:" + port + "/crawl/item/1.html\">one, upper case</a></h3>"
          + "<h3><a href=\"item/2.html?utm_source=newsletter\">two, tracked</a></h3>"
          + "<h3><a href=\"http://127.0.0.2:" + port + "/crawl/item/3.html\">off-site</a></h3>"
          + "<h3><a href=\"mailto:shop@example.com\">mail</a></h3><h3><a href=\"javascript:void(0)\">js</a></h3>"
          + "<h3><a rel=\"nofollow\" href=\"hidden.html\">hidden</a></h3>"
          + "<h3><a href=\"cal.html?m=1\">calendar</a></h3><h3><a href=\"based.html\">based</a></h3>"
          + "<h3><a href=\"noindex.html\">noindex</a></h3><h3><a href=\"nofollow.html\">nofollow</a></h3>");
    } else if (path.startsWith("list/")) {
      int n = Respond.number(req, "/crawl/list/", ".html");
      StringBuilder b = new StringBuilder();
      for (int k = (n - 1) * PER_LIST + 1; k <= n * PER_LIST; k++) {
        b.append("<h3><a href=\"../item/").append(k).append(".html\">item ").append(k).append("</a></h3>");
      }
      if (n < LISTS) {
        b.append("<ul><li class=\"next\"><a href=\"").append(n + 1).append(".html\">next</a></li></ul>");
      }
      html(req, "List " + n, b.toString());
    } else if (path.startsWith("item/")) {
      int k = Respond.number(req, "/crawl/item/", ".html");
      html(req, "Item " + k, "<p class=\"price\">$" + k + ".00</p><h3><a href=\"../index.html\">home</a></h3>"
          + (k < ITEMS ? "<h3><a href=\"" + (k + 1) + ".html\">next item</a></h3>" : ""));
    } else if (path.equals("cal.html")) {
      int m = Integer.parseInt(req.getParam("m", "1"));
      html(req, "Month " + m, "<h3><a href=\"cal.html?m=" + (m + 1) + "\">next month</a></h3>");
    } else if (path.equals("based.html")) {
      req.response().putHeader("Content-Type", "text/html").end("<html><head><base href=\"/crawl/item/\">"
          + "</head><body><h1>Based</h1><h3><a href=\"7.html\">seven</a></h3></body></html>");
    } else if (path.equals("noindex.html")) {
      req.response().putHeader("Content-Type", "text/html").end("<html><head><meta name=\"robots\" "
          + "content=\"noindex\"></head><body><h1>Hidden title</h1><h3><a href=\"item/8.html\">eight</a></h3>"
          + "</body></html>");
    } else if (path.equals("nofollow.html")) {
      req.response().putHeader("Content-Type", "text/html").end("<html><head><meta name=\"robots\" "
          + "content=\"nofollow\"></head><body><h1>No follow</h1><h3><a href=\"never.html\">never</a></h3>"
          + "</body></html>");
    } else if (path.equals("orphan.html")) {
      html(req, "Orphan", "<h3><a href=\"item/1.html\">one</a></h3>");
    } else if (path.equals("sitemap.xml")) {
      String base = "http://127.0.0.1:" + port + "/crawl/";
      xml(req, SitemapRoute.index(List.of(base + "sitemap-lists.xml", base + "sitemap-more.xml.gz")));
    } else if (path.equals("sitemap-lists.xml")) {
      List<String> lists = new ArrayList<>();
      for (int n = 1; n <= LISTS; n++) {
        lists.add("http://127.0.0.1:" + port + "/crawl/list/" + n + ".html");
      }
      xml(req, SitemapRoute.urlset(lists));
    } else if (path.equals("sitemap-more.xml.gz")) {
      String base = "http://127.0.0.1:" + port + "/crawl/";
      req.response().putHeader("Content-Type", "application/x-gzip").end(Buffer.buffer(SitemapRoute.gzip(
          SitemapRoute.urlset(List.of(base + "index.html", base + "item/./1.html", base + "orphan.html")))));
    } else {
      Respond.html(req, 404, Respond.page("Not found", "<h1>Not found</h1>"));
    }
  }

  private static void xml(HttpServerRequest req, String body) {
    req.response().putHeader("Content-Type", "application/xml").end(body);
  }

  private static void html(HttpServerRequest req, String title, String body) {
    Respond.html(req, 200, Respond.page(title, "<h1>" + title + "</h1>" + body));
  }
}
