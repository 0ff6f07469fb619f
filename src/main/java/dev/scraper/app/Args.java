package dev.scraper.app;

/** The few launcher arguments we look at before Vert.x starts. */
final class Args {
  private Args() {
  }

  static boolean wantsHelp(String[] args) {
    for (String a : args) {
      if (a.equals("-h") || a.equals("-help") || a.equals("--help")) {
        return true;
      }
    }
    return false;
  }

  /** The value of {@code -conf}/{@code --conf} ({@code -conf x}, {@code -conf=x}), or null. */
  static String conf(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if ((a.equals("-conf") || a.equals("--conf")) && i + 1 < args.length) {
        return args[i + 1];
      }
      if (a.startsWith("-conf=") || a.startsWith("--conf=")) {
        return a.substring(a.indexOf('=') + 1);
      }
    }
    return null;
  }
}
