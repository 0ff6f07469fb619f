package dev.scraper.testing.hostile;

import java.util.function.Function;

/**
 * A 302 whose {@code Location} is computed from the exchange: {@code /redirect-loop} (to itself), the scheme
 * redirects ({@code /redirect-file}, {@code -ftp}, {@code -FTP}, {@code -data}, {@code -HTTP}) and
 * {@code /redirect-other-port?port=P}.
 */
public final class RedirectRoute implements HostileRoute {
  private final Function<Exchange, String> location;

  /** A route that redirects to whatever {@code location} computes (null: 400). */
  public RedirectRoute(Function<Exchange, String> location) {
    this.location = location;
  }

  /** A route that redirects to the fixed {@code location}. */
  public static RedirectRoute to(String location) {
    return new RedirectRoute(ex -> location);
  }

  @Override
  public void handle(Exchange ex) {
    String target = location.apply(ex);
    if (target == null) {
      ex.respondHtml(400, "Bad Request", Http.page("Bad request"));
    } else {
      redirect(ex, target);
    }
  }

  /** Answers 302 to {@code target} with a tiny HTML body and closes. */
  static void redirect(Exchange ex, String target) {
    ex.respondHtml(302, "Found", Http.page("Moved", "<a href=\"" + target + "\">moved</a>"), "Location: " + target);
  }

  /** {@code http://127.0.0.1:PORT} of the server that accepted the exchange. */
  static String origin(Exchange ex) {
    return "http://127.0.0.1:" + ex.server().port();
  }
}
