package dev.scraper.testing.routes;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;

/**
 * {@code /big}: a UTF-8 page of about 2 MB holding {@value #ITEMS} {@code <li class="item">} elements, each with a
 * link to {@code /page/N.html}. Built once per JVM, on first use.
 */
public final class BigRoute implements Handler<HttpServerRequest> {
  /** Number of {@code li.item} elements on the page. */
  public static final int ITEMS = 20_000;

  @Override
  public void handle(HttpServerRequest req) {
    req.response().putHeader(HttpHeaders.CONTENT_TYPE, Respond.HTML_UTF8).end(Buffer.buffer(Body.BYTES));
  }

  /** Holder: the body is built when first needed, once. */
  private static final class Body {
    static final byte[] BYTES = build();

    private static byte[] build() {
      StringBuilder items = new StringBuilder(ITEMS * 110);
      for (int i = 1; i <= ITEMS; i++) {
        items.append("<li class=\"item\"><a href=\"/page/").append(i).append(".html\">Item ").append(i)
            .append("</a> <span class=\"note\">a line of filler text so the page weighs in</span></li>\n");
      }
      return Respond.page("Big", "<h1>Big</h1>\n<ul>\n" + items + "</ul>").getBytes(StandardCharsets.UTF_8);
    }
  }
}
