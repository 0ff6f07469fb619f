package dev.scraper.testing.hostile;

/** Unknown paths: 404 with a small HTML page. */
public final class NotFoundRoute implements HostileRoute {
  /** The shared instance. */
  public static final NotFoundRoute INSTANCE = new NotFoundRoute();

  @Override
  public void handle(Exchange ex) {
    String path = ex.request().path().replace("&", "&amp;").replace("<", "&lt;");
    ex.respondHtml(404, "Not Found", Http.page("Not found", "<h1>Not found</h1><p>" + path + "</p>"));
  }
}
