package dev.scraper.app;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT for a process that runs until it is told to stop (scheduled jobs): the JVM's own handling runs
 * the shutdown hooks (Vert.x closes: no new run, the runs under way cancelled, outputs flushed and synced) but then
 * exits with 143 or 130, as if the process had failed. Here the same hooks run through {@code System.exit(0)}: being
 * stopped is how such a process ends, so it ends with 0. {@code sun.misc.Signal} (module jdk.unsupported, which
 * javac warns about) is the only way the JDK offers to handle a signal without ending the process at once. SIGHUP,
 * which would end the process too, reloads the config instead ({@link Reload}).
 */
final class Signals {
  private static boolean installed;
  private static final java.util.concurrent.atomic.AtomicInteger RECEIVED = new java.util.concurrent.atomic.AtomicInteger();
  private static volatile Runnable hurry = () -> {
  };
  /** What SIGHUP does: nothing until {@link #onHangup} says (the JVM's own handling would end the process). */
  private static volatile Runnable hangup = () -> {
  };

  private Signals() {
  }

  private static void say(String line) {
    System.err.print(dev.scraper.sink.LogFormat.json() ? dev.scraper.sink.LogFormat.line("info", line, null)
        : line + "\n");
    System.err.flush();
  }

  /** As {@link #exitZeroWhenStopped()}; a second signal ends the engine's shutdown grace at once. */
  static void exitZeroWhenStopped(dev.scraper.engine.Engine engine) {
    hurry = () -> {
      io.vertx.core.Context context = engine.engineContext();
      if (context != null) {
        context.runOnContext(v -> engine.shutdownGrace(0));
      }
    };
    exitZeroWhenStopped();
  }

  /**
   * From now on SIGTERM and SIGINT stop the process gracefully with exit code 0; a second one during the shutdown
   * ends the grace of the engine given to {@link #exitZeroWhenStopped(dev.scraper.engine.Engine)} (the requests in flight are cancelled without waiting out the grace).
   */
  static synchronized void exitZeroWhenStopped() {
    if (installed) {
      return;
    }
    installed = true;
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), s -> {
          if (RECEIVED.incrementAndGet() == 1) {
            say("scraper: SIG" + name + ": stopping; the requests in flight may finish within shutdownGraceMs (send"
                + " SIG" + name + " again to cancel them now)");
            new Thread(() -> System.exit(0), "scraper-stop").start();
          } else { // a second one: no more grace for the requests in flight
            say("scraper: SIG" + name + " again: what is still in flight is cancelled now");
            hurry.run();
          }
        });
      } catch (IllegalArgumentException e) {
        // the JVM keeps this signal (-Xrs, or a debugger's): it still stops the process gracefully, with 143/130
      }
    }
    try {
      Signal.handle(new Signal("HUP"), s -> hangup.run());
    } catch (IllegalArgumentException e) {
      // the JVM keeps SIGHUP (-Xrs): POST /reload still reloads
    }
  }

  /**
   * From now on SIGHUP runs {@code reload} (on the signal's thread: hand the work to an event loop) instead of ending
   * the process. Call after {@link #exitZeroWhenStopped}, which installs the handler.
   */
  static void onHangup(Runnable reload) {
    hangup = reload;
  }
}
