package dev.scraper.testing.hostile;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * {@code /robots.txt}: what {@link HostileServer#robots(String, int)} set, as {@code text/plain}; 404 until then.
 * The server counts the requests ({@code requests("/robots.txt")}).
 */
public final class RobotsRoute implements HostileRoute {
  private record Answer(String body, int status) {
  }

  private volatile Answer answer = new Answer("not found\n", 404);

  void set(String body, int status) {
    answer = new Answer(body, status);
  }

  @Override
  public void handle(Exchange ex) {
    Answer now = answer;
    String reason = now.status() == 200 ? "OK" : now.status() == 404 ? "Not Found" : "Status";
    ex.respond(now.status(), reason, "text/plain; charset=utf-8",
        Buffer.buffer(now.body().getBytes(StandardCharsets.UTF_8)));
  }
}
