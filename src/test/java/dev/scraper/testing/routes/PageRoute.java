package dev.scraper.testing.routes;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code /page/N.html}: a small page with {@code <h1>Page N</h1>}, {@code <p class="price">$N.99</p>}, a relative
 * {@code <a class="link" href="/page/N+1.html">} and {@code <img src="img/N.png">} (relative to {@code /page/}).
 */
public final class PageRoute implements Handler<HttpServerRequest> {
  @Override
  public void handle(HttpServerRequest req) {
    int n = Respond.number(req, "/page/", ".html");
    if (n < 0) {
      Respond.notFound(req);
      return;
    }
    Respond.html(req, 200, Respond.page("Page " + n, "<h1>Page " + n + "</h1>\n"
        + "<p class=\"price\">$" + n + ".99</p>\n"
        + "<a class=\"link\" href=\"/page/" + (n + 1) + ".html\">next</a>\n"
        + "<img src=\"img/" + n + ".png\" alt=\"picture " + n + "\">"));
  }
}
