package dev.scraper.testing.routes;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * {@code /extract.html}: a fixed page for every selector form. Expected values: {@code h1} → {@value #TITLE} (the
 * markup pads it with spaces), {@code .price} → {@value #PRICE}, {@code .tag} with all → {@link #TAGS},
 * {@code img} {@code abs:src} → site URL + {@value #IMAGE_PATH} (the markup says {@code img/cover.png}),
 * {@code article} as html → {@link #ARTICLE_HTML} (as Jsoup prints it), {@value #MISSING} → no match.
 */
public final class ExtractRoute implements Handler<HttpServerRequest> {
  /** Trimmed text of {@code h1}. */
  public static final String TITLE = "The Extract Fixture";
  /** Text of {@code .price}. */
  public static final String PRICE = "£51.77";
  /** Texts of every {@code .tag}, in order. */
  public static final List<String> TAGS = List.of("alpha", "beta", "gamma");
  /** Path of the image once resolved against the page URL. */
  public static final String IMAGE_PATH = "/img/cover.png";
  /** Inner HTML of {@code article}, as Jsoup's {@code Element.html()} prints it. */
  public static final String ARTICLE_HTML = "<p>First <b>bold</b> paragraph.</p>\n<p>Second.</p>";
  /** A selector that matches nothing on the page. */
  public static final String MISSING = ".missing";

  private static final String HTML = Respond.page("Extract fixture", "<h1>  " + TITLE + "  </h1>\n"
      + "<p class=\"price\">" + PRICE + "</p>\n"
      + "<ul><li class=\"tag\">alpha</li><li class=\"tag\">beta</li><li class=\"tag\">gamma</li></ul>\n"
      + "<img src=\"img/cover.png\" alt=\"cover\">\n"
      + "<article><p>First <b>bold</b> paragraph.</p><p>Second.</p></article>");

  @Override
  public void handle(HttpServerRequest req) {
    Respond.html(req, 200, HTML);
  }
}
