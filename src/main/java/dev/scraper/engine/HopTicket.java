package dev.scraper.engine;

import dev.scraper.fetch.FetchError;
import dev.scraper.fetch.Slot;
import dev.scraper.polite.Limits;
import dev.scraper.polite.Permit;
import dev.scraper.polite.Ticket;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * A continuation's wait for its host: a redirect hop, a retry or a robots.txt fetch of something already under
 * way. It goes before the host's fresh tickets but is held to the host's limits like any start.
 */
final class HopTicket extends Ticket {
  private final Promise<Slot> slot = Promise.promise();

  HopTicket(String hostKey, Limits limits) {
    super(hostKey, limits, null);
  }

  /** Completes with the slot when the host's turn comes. */
  Future<Slot> slot() {
    return slot.future();
  }

  @Override
  protected void start(Permit permit) {
    if (!slot.tryComplete(permit::release)) {
      permit.release();
    }
  }

  /** Gives up the wait: the ticket is dropped and its future fails with {@code why}. */
  void abandon(FetchError why) {
    cancel();
    slot.tryFail(why);
  }
}
