package dev.scraper.engine;

import dev.scraper.config.FetchPolicy;
import dev.scraper.fetch.FetchResult;
import dev.scraper.fetch.Slot;
import dev.scraper.polite.Limits;
import dev.scraper.url.WebUrl;
import io.vertx.core.Future;

/** robots.txt is a request start of its host like any other, and its redirects too. Event-loop owned. */
final class RobotsFetch {
  private RobotsFetch() {
  }

  static Future<FetchResult> fetch(Stages s, WebUrl robotsUrl, FetchPolicy policy) {
    return slot(s, robotsUrl, policy).compose(first -> s.fetcher().fetch(robotsUrl, policy, first,
        (target, p) -> slot(s, target, p), s.throttle()).result());
  }

  private static Future<Slot> slot(Stages s, WebUrl target, FetchPolicy p) {
    HopTicket t = new HopTicket(target.hostKey(),
        new Limits(Math.min(p.perHost(), p.concurrency()), p.delayMs(), p.throttle(), false));
    s.board().offer(t);
    s.dispatcher().kick();
    return t.slot();
  }
}
