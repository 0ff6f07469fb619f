package dev.scraper.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders the demo shop's HTML. Every product is derived from its number alone, so the pages are the same on
 * every run and every machine.
 */
public final class DemoPages {
  /** Number of products in the shop; {@code /products/1.html} .. {@code /products/40.html}. */
  public static final int PRODUCTS = 40;

  private static final String[] STYLES = {"Classic", "Café", "Compact", "Über", "Rustic", "Nordic", "Deluxe",
      "Crème"};
  private static final String[] THINGS = {"Coffee Grinder", "Backpack", "Desk Lamp", "Teapot", "Notebook",
      "Headphones", "Chef's Knife", "Water Bottle", "Wool Scarf", "Cutting Board"};
  private static final String[] TAGS = {"kitchen", "outdoor", "gift", "bestseller", "eco", "travel", "office",
      "handmade"};

  private DemoPages() {
  }

  /** The title of product {@code n}; the 40 titles are distinct, some have non-ASCII letters. */
  public static String title(int n) {
    return STYLES[(n - 1) % STYLES.length] + " " + THINGS[(n - 1) % THINGS.length];
  }

  /** The price of product {@code n} as shown, e.g. {@code $12.30}. */
  public static String price(int n) {
    int cents = 499 + (n * 7919) % 20_000;
    return String.format(Locale.ROOT, "$%d.%02d", cents / 100, cents % 100);
  }

  /** The rating of product {@code n} as shown, 1.0 to 5.0 in steps of 0.5. */
  public static String rating(int n) {
    return String.format(Locale.ROOT, "%.1f", 1.0 + (n * 37 % 9) * 0.5);
  }

  /** The tags of product {@code n}: two to four distinct words. */
  public static List<String> tags(int n) {
    List<String> tags = new ArrayList<>();
    for (int k = 0; k < 2 + n % 3; k++) {
      tags.add(TAGS[(n + k * 3) % TAGS.length]);
    }
    return tags;
  }

  /** The index page: a list of every product with its price. */
  public static String index() {
    StringBuilder items = new StringBuilder();
    for (int n = 1; n <= PRODUCTS; n++) {
      items.append("<li class=\"product\"><a href=\"/products/").append(n).append(".html\">")
          .append(esc(title(n))).append("</a> <span class=\"price\">").append(price(n)).append("</span></li>\n");
    }
    return page("Demo shop", "<h1>Demo shop</h1>\n<ul class=\"products\">\n" + items + "</ul>");
  }

  /** The page of product {@code n}, 1 to {@link #PRODUCTS}. */
  public static String product(int n) {
    StringBuilder tags = new StringBuilder();
    tags(n).forEach(t -> tags.append("<li class=\"tag\">").append(t).append("</li>"));
    String next = n < PRODUCTS ? "<a class=\"next\" href=\"/products/" + (n + 1) + ".html\">Next</a>" : "";
    String body = "<nav class=\"breadcrumb\"><a href=\"/\">Shop</a> / " + esc(title(n)) + "</nav>\n"
        + "<h1 class=\"title\">" + esc(title(n)) + "</h1>\n"
        + "<img class=\"cover\" src=\"/img/" + n + ".png\" alt=\"" + esc(title(n)) + "\">\n"
        + "<p class=\"price\">" + price(n) + "</p>\n"
        + "<p class=\"rating\">Rated <span class=\"rating-value\">" + rating(n) + "</span> of 5</p>\n"
        + "<p class=\"availability\">In stock (" + (1 + n * 3 % 20) + " left)</p>\n"
        + "<ul class=\"tags\">" + tags + "</ul>\n"
        + "<div class=\"description\"><p>The " + esc(title(n)) + " is built to last and easy to care for.</p>"
        + "<p>Ships in " + (2 + n % 5) + " days. SKU <code>DS-" + String.format(Locale.ROOT, "%04d", n)
        + "</code>.</p></div>\n" + next;
    return page(title(n) + " | Demo shop", body);
  }

  /** A small page with a heading and one sentence, for errors and the slow page. */
  public static String notice(String heading, String text) {
    return page(heading, "<h1>" + esc(heading) + "</h1>\n<p>" + esc(text) + "</p>");
  }

  private static String page(String title, String body) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
        + "</title></head>\n<body>\n" + body + "\n</body></html>\n";
  }

  private static String esc(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
