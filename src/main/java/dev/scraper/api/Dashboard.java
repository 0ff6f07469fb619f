package dev.scraper.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's static files: the class-path resources {@code dashboard/<name>} listed in {@link #FILES}, read
 * once on a worker when the API starts (they are small) and served from memory, so they work from the fat jar with
 * Vert.x's class-path file resolving off. Only the names listed are served: a path is looked up, never resolved, so
 * nothing outside them can be reached. They hold no data and need no token; each answer carries its type, a strong
 * ETag (a 304 for {@code If-None-Match}), {@code Cache-Control: no-cache} and a strict Content-Security-Policy
 * (scripts, styles and connections from this origin only, no inline script or style).
 */
final class Dashboard {
  /** The files shipped, under {@code dashboard/} on the class path; {@code /} is {@code index.html}. */
  static final List<String> FILES = List.of("index.html", "app.css", "app.js", "api.js", "history.js", "plot.js",
      "views.js", "favicon.svg");
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
      + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");
  private final Map<String, File> files;

  private Dashboard(Map<String, File> files) {
    this.files = files;
  }

  /** One file as served. */
  private record File(Buffer body, String type, String etag) {
  }

  /** Reads the files on a worker thread (class-path reads are blocking). */
  static Future<Dashboard> load(Vertx vertx) {
    return vertx.executeBlocking(Dashboard::read, false);
  }

  static Dashboard read() {
    Map<String, File> files = new HashMap<>();
    for (String name : FILES) {
      byte[] bytes = resource(name);
      File file = new File(Buffer.buffer(bytes), TYPES.get(name.substring(name.lastIndexOf('.') + 1)), etag(bytes));
      files.put("/" + name, file);
    }
    files.put("/", files.get("/index.html"));
    return new Dashboard(files);
  }

  /** GET of a dashboard file: serves it; any other path goes on to the API's routes. */
  void serve(RoutingContext ctx) {
    File file = files.get(ctx.request().path());
    if (file == null) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer").putHeader("Cache-Control", "no-cache")
        .putHeader("ETag", file.etag);
    if (file.etag.equals(ctx.request().getHeader("If-None-Match"))) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response().putHeader("Content-Type", file.type).end(file.body);
  }

  private static byte[] resource(String name) {
    try (InputStream in = Dashboard.class.getClassLoader().getResourceAsStream("dashboard/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks the dashboard file dashboard/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
