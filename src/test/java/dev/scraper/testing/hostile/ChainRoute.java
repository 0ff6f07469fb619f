package dev.scraper.testing.hostile;

/**
 * {@code /chain/N}: 302 to {@code /chain/N-1} (relative Location); {@code /chain/0} answers 200 with
 * {@code <h1>end of chain</h1>}. {@code /chain/30} is a 30-hop chain. N above 10000 or not a number: 404.
 */
public final class ChainRoute implements HostileRoute {
  /** The path prefix. */
  public static final String PREFIX = "/chain/";
  /** The heading of the page at the end of the chain. */
  public static final String END_TEXT = "end of chain";

  @Override
  public void handle(Exchange ex) {
    String digits = ex.request().path().substring(PREFIX.length());
    if (!digits.matches("\\d{1,5}") || Integer.parseInt(digits) > 10_000) {
      NotFoundRoute.INSTANCE.handle(ex);
    } else if (Integer.parseInt(digits) == 0) {
      ex.respondHtml(200, "OK", Http.page(END_TEXT));
    } else {
      RedirectRoute.redirect(ex, PREFIX + (Integer.parseInt(digits) - 1));
    }
  }
}
