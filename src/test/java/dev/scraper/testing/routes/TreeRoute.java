package dev.scraper.testing.routes;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A site of any size made on the fly under {@code /tree/}: page {@code N} (0..size-1) has an {@code h1} and links
 * ({@code a.next}) to its {@value #FANOUT} children {@code N*4+1..N*4+4} that exist, to its parent (already seen) and
 * to itself in another spelling, so that one crawl from page 0 reaches every page once. Counts the requests of every
 * page, so that a test can tell a page fetched twice.
 */
public final class TreeRoute implements Handler<HttpServerRequest> {
  public static final int FANOUT = 4;
  private final int size;
  private final AtomicIntegerArray requests;

  /** @param counted whether requests are counted per page (an int a page) */
  public TreeRoute(int size, boolean counted) {
    this.size = size;
    this.requests = counted ? new AtomicIntegerArray(size) : null;
  }

  /** How many times page {@code n} was requested. */
  public int requests(int n) {
    return requests.get(n);
  }

  @Override
  public void handle(HttpServerRequest req) {
    int n;
    try {
      n = Integer.parseInt(req.path().substring("/tree/".length()));
    } catch (NumberFormatException e) {
      Respond.notFound(req);
      return;
    }
    if (n < 0 || n >= size) {
      Respond.notFound(req);
      return;
    }
    if (requests != null) {
      requests.incrementAndGet(n);
    }
    StringBuilder b = new StringBuilder(400).append("<h1>Page ").append(n).append("</h1><ul>");
    for (long k = (long) n * FANOUT + 1; k <= (long) n * FANOUT + FANOUT && k < size; k++) {
      b.append("<li><a class=\"next\" href=\"/tree/").append(k).append("\">page ").append(k).append("</a></li>");
    }
    b.append("<li><a class=\"next\" href=\"/tree/").append(n == 0 ? 0 : (n - 1) / FANOUT).append("\">up</a></li>");
    b.append("<li><a class=\"next\" href=\"./").append(n).append("#again\">me</a></li></ul>");
    Respond.html(req, 200, Respond.page("Page " + n, b.toString()));
  }
}
