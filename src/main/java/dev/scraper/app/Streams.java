package dev.scraper.app;

import dev.scraper.config.JobSpec;
import dev.scraper.config.ScraperConfig;
import java.io.PrintStream;

/**
 * Where a command-line run writes what: records on stdout when a job's output is "-" (the lines people read then go
 * to stderr, so that a pipe carries records only), else the lines on stdout. The quick form on a terminal keeps no
 * records unless given {@code -o}: its per-URL lines are the output, with the fields under each.
 *
 * @param human where the per-URL lines, the progress line and the summaries go
 * @param colours colours and a progress line on {@code human}
 * @param discard the records of a job whose output is "-" are not kept (the quick form on a terminal)
 * @param showFields each per-URL line is followed by the URL's fields
 */
record Streams(PrintStream human, boolean colours, boolean discard, boolean showFields) {

  /**
   * Decides for {@code config}; {@code quick} is the quick form it came from, or null for a config file.
   * Stdout is handed to the records only: anything else the process prints goes to stderr.
   */
  static Streams decide(ScraperConfig config, QuickForm quick) {
    boolean toStdout = config.jobs().stream().map(JobSpec::output).anyMatch(o -> o.toStdout());
    boolean discard = toStdout && quick != null && quick.keepsNothingOn(Terminal.isTerminal(Terminal.STDOUT));
    if (toStdout && !discard) {
      System.setOut(System.err);
      return new Streams(System.err, Terminal.colours(Terminal.STDERR), false, false);
    }
    return new Streams(System.out, Terminal.colours(Terminal.STDOUT), discard, discard);
  }

  /** The same for a config given as JSON by another launcher. */
  static Streams of(ScraperConfig config) {
    return decide(config, null);
  }
}
