package dev.scraper.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the process's standard streams are connected to. Java 17 only tells whether stdin and stdout are both a
 * terminal ({@code System.console()}); a pipe needs each stream on its own (records on stdout, lines on a stderr
 * that is a terminal). On Linux each descriptor is read from {@code /proc/self/fd}; elsewhere the console stands in
 * for every stream.
 */
final class Terminal {
  static final int STDIN = 0;
  static final int STDOUT = 1;
  static final int STDERR = 2;

  private Terminal() {
  }

  /** Whether descriptor {@code fd} is a terminal. */
  static boolean isTerminal(int fd) {
    String target = target(fd);
    if (target == null) {
      return System.console() != null;
    }
    return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
  }

  /**
   * Whether stdin brings something to read: a pipe, a socket or a file, not a terminal and not {@code /dev/null}
   * (as under cron, or {@code < /dev/null}).
   */
  static boolean stdinHasInput() {
    String target = target(STDIN);
    if (target == null) {
      return System.console() == null;
    }
    return !target.startsWith("/dev/") || target.startsWith("/dev/fd/") || target.startsWith("/dev/shm/");
  }

  /**
   * Whether lines written to {@code fd} get colours (and a progress line): {@code -Dscraper.color=always} says yes,
   * {@code never} or the {@code NO_COLOR} variable say no, else only on a terminal.
   */
  static boolean colours(int fd) {
    String forced = System.getProperty("scraper.color", "auto");
    if (forced.equals("always")) {
      return true;
    }
    if (forced.equals("never") || System.getenv("NO_COLOR") != null) {
      return false;
    }
    return isTerminal(fd);
  }

  /** What {@code /proc/self/fd/<fd>} links to ("pipe:[123]", "/dev/pts/0", a file), or null where unknown. */
  private static String target(int fd) {
    try {
      return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null;
    }
  }
}
