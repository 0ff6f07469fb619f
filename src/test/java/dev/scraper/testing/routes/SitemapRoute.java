package dev.scraper.testing.routes;

import dev.scraper.testing.InFlightCounter;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;

/**
 * Sitemaps under {@code /sitemaps/}, their URLs on the same site ({@code /page/N.html}):
 * <ul>
 *   <li>{@code index.xml}: an index of {@code plain.xml}, {@code zipped.xml.gz}, {@code broken.xml},
 *       {@code index.xml} itself (a loop) and {@code missing.xml} (404);</li>
 *   <li>{@code plain.xml}: pages 1-5; {@code zipped.xml.gz}: pages 4-8, a gzip file ({@code application/x-gzip},
 *       never compressed again by the server); {@code text.txt}: pages 9-10, one URL a line;</li>
 *   <li>{@code broken.xml}: XML cut short; {@code html.xml}: an HTML page;</li>
 *   <li>{@code many.xml?n=N}: pages 1-N; {@code nest/K.xml}: an index of {@code nest/K+1.xml} up to K = 5, which
 *       lists page 1.</li>
 * </ul>
 * With {@code ?ms=M} a sitemap is held M ms and counted in flight by Host meanwhile (as {@link CountedRoute}), the
 * sitemaps an index lists carry the same query, and the URLs listed are {@code /counted/N.html?ms=M}.
 */
public final class SitemapRoute implements Handler<HttpServerRequest> {
  private final Vertx vertx;
  private final InFlightCounter counter;

  public SitemapRoute(Vertx vertx, InFlightCounter counter) {
    this.vertx = vertx;
    this.counter = counter;
  }

  @Override
  public void handle(HttpServerRequest req) {
    long ms = Respond.param(req, "ms", 0);
    if (ms <= 0) {
      answer(req, 0);
      return;
    }
    String host = req.getHeader("Host") == null ? "" : req.getHeader("Host");
    counter.enter(host);
    vertx.setTimer(ms, id -> {
      counter.leave(host);
      answer(req, ms);
    });
  }

  private void answer(HttpServerRequest req, long ms) {
    String base = "http://" + req.getHeader("Host");
    String name = req.path().substring("/sitemaps/".length());
    String query = ms > 0 ? "?ms=" + ms : "";
    switch (name) {
      case "index.xml" -> xml(req, index(List.of("plain.xml", "zipped.xml.gz", "broken.xml", "index.xml",
          "missing.xml").stream().map(s -> base + "/sitemaps/" + s + query).toList()));
      case "plain.xml" -> xml(req, urlset(pages(base, ms, 1, 5)));
      case "zipped.xml.gz" -> req.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/x-gzip")
          .putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY) // Vert.x: do not compress this answer
          .end(Buffer.buffer(gzip(urlset(pages(base, ms, 4, 8)))));
      case "text.txt" -> req.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain")
          .end(String.join("\n", pages(base, ms, 9, 10)) + "\n");
      case "broken.xml" -> xml(req, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\""
          + "http://www.sitemaps.org/schemas/sitemap/0.9\">\n<url><loc>" + base + "/page/99.html</loc></url>\n<url><lo");
      case "html.xml" -> Respond.html(req, 200, Respond.page("Not a sitemap", "<h1>Hello</h1>"));
      case "many.xml" -> xml(req, urlset(pages(base, ms, 1, (int) Respond.param(req, "n", 10))));
      default -> {
        int k = Respond.number(req, "/sitemaps/nest/", ".xml");
        if (k >= 0 && k < 5) {
          xml(req, index(List.of(base + "/sitemaps/nest/" + (k + 1) + ".xml" + query)));
        } else if (k == 5) {
          xml(req, urlset(pages(base, ms, 1, 1)));
        } else {
          Respond.notFound(req);
        }
      }
    }
  }

  private static List<String> pages(String base, long ms, int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(n -> ms > 0 ? base + "/counted/" + n + ".html?ms=" + ms
        : base + "/page/" + n + ".html").toList();
  }

  /** A {@code <urlset>} of {@code urls} (escaped for XML). */
  public static String urlset(List<String> urls) {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    urls.forEach(u -> b.append("  <url><loc>").append(escape(u)).append("</loc></url>\n"));
    return b.append("</urlset>\n").toString();
  }

  /** A {@code <sitemapindex>} of {@code sitemaps}. */
  public static String index(List<String> sitemaps) {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    sitemaps.forEach(u -> b.append("  <sitemap><loc>").append(escape(u)).append("</loc></sitemap>\n"));
    return b.append("</sitemapindex>\n").toString();
  }

  /** {@code text} as UTF-8, gzipped. */
  public static byte[] gzip(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static void xml(HttpServerRequest req, String body) {
    req.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/xml; charset=utf-8").end(body);
  }
}
