package dev.scraper.engine;

import dev.scraper.polite.HostBoard;
import io.vertx.core.Future;
import java.util.HashSet;
import java.util.Set;

/**
 * Hosts whose line waits for robots.txt: the host is woken once when its rules arrive, however many of its URLs
 * were looked at meanwhile. Event-loop owned.
 */
final class RobotsWaits {
  private final HostBoard board;
  private final Dispatcher dispatcher;
  private final Set<String> waiting = new HashSet<>();

  RobotsWaits(HostBoard board, Dispatcher dispatcher) {
    this.board = board;
    this.dispatcher = dispatcher;
  }

  /** The host's line waits until {@code rules} (of this User-Agent) are known. */
  void hold(String hostKey, String userAgent, Future<?> rules) {
    String key = hostKey + " " + userAgent;
    if (waiting.add(key)) {
      rules.onComplete(ar -> {
        waiting.remove(key);
        board.wake(hostKey);
        dispatcher.kick();
      });
    }
  }
}
