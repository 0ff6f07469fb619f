package dev.scraper.app;

import dev.scraper.config.Suggest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line, read before anything else starts: this tool's own options (help, version, {@code -conf}, the
 * quick form's options, {@code -D} after the jar), the Vert.x launcher options that apply here (handed to the
 * launcher as they are), and the mistakes, each refused with one message before anything is fetched.
 */
final class Cli {
  /** What the command line asks for. */
  enum Action { RUN, HELP, VERSION }

  /** A command-line mistake: exit 2 with this message, the usage line and where help is. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message, null, false, false);
    }
  }

  /** Vert.x launcher options that take a value and keep their meaning (lower case: the launcher ignores case). */
  private static final List<String> LAUNCHER_VALUED = List.of("-options", "--options", "-vertx-options",
      "--vertx-options", "-deployment-options", "--deployment-options", "-cluster-port", "--cluster-port",
      "-cluster-host", "--cluster-host", "-cluster-public-port", "--cluster-public-port", "-cluster-public-host",
      "--cluster-public-host");
  private static final List<String> LAUNCHER_FLAGS = List.of("-c", "-cluster", "--cluster");
  /** Threading models of the launcher that would move the engine off its event loop: refused. */
  private static final List<String> WORKER = List.of("-w", "-worker", "--worker");
  private static final List<String> VIRTUAL = List.of("-vt", "-virtual-thread", "--virtual-thread");
  /** Every option name, for "did you mean". */
  private static final List<String> KNOWN = List.of("--url", "--extract", "--concurrency", "--timeout-ms",
      "--no-follow", "--no-robots", "--output", "-conf", "--fresh", "--help", "--version", "-options", "-cluster",
      "-cluster-host", "-cluster-port", "-deployment-options");

  final Action action;
  /** The {@code -conf} value, or null. */
  final String conf;
  /** The quick form's options; {@link QuickForm#given()} is false when none was given. */
  final QuickForm quick;
  /** The Vert.x launcher options given, as given; empty when none was. */
  final List<String> launcherArgs;

  private Cli(Action action, String conf, QuickForm quick, List<String> launcherArgs) {
    this.action = action;
    this.conf = conf;
    this.quick = quick;
    this.launcherArgs = List.copyOf(launcherArgs);
  }

  /**
   * Reads {@code args}. {@code -Dkey=value} arguments are set as system properties on the way.
   *
   * @throws UsageException on an unknown, refused or incomplete option, or options that do not go together
   */
  static Cli parse(String[] args) {
    String conf = null;
    QuickForm quick = new QuickForm();
    List<String> launcher = new ArrayList<>();
    String clusterOption = null; // -cluster-host and the like, the first given
    Action action = Action.RUN;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int eq = arg.startsWith("-") ? arg.indexOf('=') : -1;
      String name = (eq > 0 ? arg.substring(0, eq) : arg).toLowerCase(Locale.ROOT);
      String inline = eq > 0 ? arg.substring(eq + 1) : null;
      if (arg.startsWith("-D") && arg.length() > 2) {
        int e = arg.indexOf('=');
        System.setProperty(e < 0 ? arg.substring(2) : arg.substring(2, e), e < 0 ? "" : arg.substring(e + 1));
        continue;
      }
      switch (name) {
        case "-h", "-help", "--help" -> action = Action.HELP;
        case "-version", "--version" -> action = action == Action.HELP ? action : Action.VERSION;
        case "-conf", "--conf" -> {
          conf = inline != null ? inline : value(args, i++, arg);
        }
        case "--fresh" -> System.setProperty("scraper.fresh", "true"); // read with the config: "fresh": true
        case "-instances", "--instances" -> {
          String n = inline != null ? inline : value(args, i++, arg);
          if (!n.strip().equals("1")) {
            throw new UsageException("-instances is not supported: one engine on one event loop runs every job"
                + " (raise \"concurrency\" instead); nothing was fetched");
          }
        }
        default -> {
          if (WORKER.contains(name) || VIRTUAL.contains(name)) {
            throw new UsageException(arg + " is not supported: the engine issues every request from its event loop"
                + " and parses on a worker pool of its own; nothing was fetched");
          } else if (LAUNCHER_FLAGS.contains(name)) {
            launcher.add(arg);
          } else if (LAUNCHER_VALUED.contains(name)) {
            String v = inline != null ? inline : value(args, i++, arg);
            if (name.endsWith("-port") && !v.strip().matches("\\d{1,5}")) { // else the launcher's whole usage text
              throw new UsageException("option '" + arg + "' takes a port number, got '" + v + "'");
            }
            clusterOption = name.contains("-cluster-") && clusterOption == null ? name : clusterOption;
            launcher.add(arg);
            if (inline == null) {
              launcher.add(v);
            }
          } else if (QuickForm.takesValue(name)) {
            quick.option(name, inline != null ? inline : value(args, i++, arg));
          } else if (QuickForm.isFlag(name) && inline == null) {
            quick.option(name, null);
          } else if (arg.equals("-") || QuickForm.looksLikeUrl(arg)) {
            quick.option("--url", arg);
          } else if (arg.startsWith("-")) {
            throw new UsageException("unknown option '" + arg + "'" + suggestion(name));
          } else {
            throw new UsageException("unexpected argument '" + arg + "': give URLs as http:// or https:// URLs,"
                + " or a config with -conf; this jar runs its own engine, not a main verticle named on the"
                + " command line");
          }
        }
      }
    }
    if (action == Action.RUN && clusterOption != null && !clustered(launcher)) { // the launcher would ignore it
      throw new UsageException("option '" + clusterOption + "' applies only with -cluster");
    }
    if (action == Action.RUN && conf != null && quick.given()) {
      throw new UsageException(quick.firstOption() + " cannot be used with -conf: put it in the config"
          + " (or run without -conf)");
    }
    return new Cli(action, conf, quick, launcher);
  }

  /** Whether the process is to join a cluster ({@code -cluster}). */
  boolean clustered() {
    return clustered(launcherArgs);
  }

  private static boolean clustered(List<String> launcher) {
    return launcher.stream().map(a -> a.toLowerCase(Locale.ROOT)).anyMatch(LAUNCHER_FLAGS::contains);
  }

  /** The value after option {@code args[at]}. */
  private static String value(String[] args, int at, String option) {
    if (at + 1 >= args.length) {
      throw new UsageException("option '" + option + "' needs a value");
    }
    return args[at + 1];
  }

  private static String suggestion(String name) {
    return Suggest.closest(name, KNOWN).map(s -> "; did you mean '" + s + "'?").orElse("");
  }
}
