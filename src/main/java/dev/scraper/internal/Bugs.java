package dev.scraper.internal;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reports a bug of ours that got in the way of one URL: the first {@value #WITH_TRACE} are logged with their stack
 * trace (SEVERE), later ones are only counted, so a bug hit by every URL cannot flood the terminal. The URL itself
 * gets a record of type {@code internal}; this only tells the maintainers.
 */
public final class Bugs {
  static final int WITH_TRACE = 5;
  private static final Logger LOG = Logger.getLogger("dev.scraper");
  private static int reported;

  private Bugs() {
  }

  /**
   * Logs the bug (the first ones with a stack trace) and returns the message for the URL's record.
   *
   * @param where the step that failed, e.g. "fetch" or "parse"
   */
  public static synchronized String report(String where, String url, Throwable bug) {
    reported++;
    String message = "internal error in " + where + ": " + bug;
    if (reported <= WITH_TRACE) {
      LOG.log(Level.SEVERE, "scraper bug (please report it) while handling " + url + ": " + message, bug);
    } else if (reported == WITH_TRACE + 1) {
      LOG.severe("more internal errors follow; each URL has its record of type internal");
    }
    return message;
  }

  /** How many were reported in this process. */
  public static synchronized int reported() {
    return reported;
  }
}
