package dev.scraper.demo;

/**
 * The command line of {@link DemoSite}: {@code --port N} (default 8089, 0 = any free port), {@code --host H}
 * (default 127.0.0.1, loopback only unless {@code --allow-remote}).
 *
 * @param host the address to bind
 * @param port the port to bind, 0 for any free one
 */
public record DemoOptions(String host, int port) {
  /** Parses the arguments; throws IllegalArgumentException with a message fit for the user. */
  public static DemoOptions parse(String... args) {
    String host = "127.0.0.1";
    int port = 8089;
    boolean allowRemote = false;
    for (int i = 0; i < args.length; i++) {
      boolean hasValue = i + 1 < args.length;
      switch (args[i]) {
        case "--port" -> port = hasValue ? port(args[++i]) : port("");
        case "--host" -> host = hasValue ? args[++i] : "";
        case "--allow-remote" -> allowRemote = true;
        default -> throw new IllegalArgumentException("unknown option '" + args[i]
            + "' (usage: DemoSite [--port N] [--host H] [--allow-remote])");
      }
    }
    if (!allowRemote && !isLoopback(host)) {
      throw new IllegalArgumentException("--host '" + host + "' is not a loopback address; add --allow-remote"
          + " to serve the demo beyond this machine");
    }
    return new DemoOptions(host, port);
  }

  private static int port(String text) {
    int port = text.matches("\\d{1,5}") ? Integer.parseInt(text) : -1;
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be 0..65535, got '" + text + "'");
    }
    return port;
  }

  /** Loopback by its spelling alone: no name lookup. */
  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.equals("::1") || host.matches("127(\\.\\d{1,3}){3}");
  }
}
