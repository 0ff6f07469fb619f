package dev.scraper.testing;

import dev.scraper.testing.routes.TreeRoute;
import io.vertx.core.Vertx;

/**
 * The {@link TreeRoute} site alone, for measuring big crawls by hand: {@code java -cp ... TreeSiteMain SIZE PORT}
 * serves {@code http://127.0.0.1:PORT/tree/0} and the pages below it until killed.
 */
public final class TreeSiteMain {
  private TreeSiteMain() {
  }

  public static void main(String[] args) throws Exception {
    int size = Integer.parseInt(args[0]);
    int port = Integer.parseInt(args[1]);
    Vertx vertx = Vertx.vertx();
    TestSite site = TestSite.start(vertx, "127.0.0.1", port, null).toCompletionStage().toCompletableFuture().get();
    site.routePrefix("/tree/", new TreeRoute(size, false));
    System.out.println("serving " + size + " pages at http://127.0.0.1:" + site.port() + "/tree/0");
  }
}
