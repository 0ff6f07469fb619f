package dev.scraper.testing;

import dev.scraper.testing.routes.TreeRoute;
import io.vertx.core.Vertx;

/**
 * The {@link TreeRoute} site alone, for measuring big crawls by hand: {@code java -cp ... TreeSiteMain SIZE PORT}
 * serves {@code http://127.0.0.1:PORT/tree/0} and the pages below it until killed. A bare server: it keeps nothing
 * per request (a {@link TestSite} counts hits per path, which a million pages would fill its heap with).
 */
public final class TreeSiteMain {
  private TreeSiteMain() {
  }

  public static void main(String[] args) throws Exception {
    int size = Integer.parseInt(args[0]);
    int port = Integer.parseInt(args[1]);
    TreeRoute tree = new TreeRoute(size, false);
    Vertx.vertx().createHttpServer().requestHandler(tree).listen(port, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get();
    System.out.println("serving " + size + " pages at http://127.0.0.1:" + port + "/tree/0");
  }
}
