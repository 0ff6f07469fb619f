package dev.scraper.testing.hostile;

/** {@code /always500}: 500 with a small HTML page, every time. */
public final class Always500Route implements HostileRoute {
  @Override
  public void handle(Exchange ex) {
    ex.respondHtml(500, "Internal Server Error", Http.page("Internal error"));
  }
}
