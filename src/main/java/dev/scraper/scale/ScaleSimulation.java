package dev.scraper.scale;

/**
 * Runs the cluster simulation from the command line and prints its report:
 * {@code java -cp target/scraper.jar dev.scraper.scale.ScaleSimulation [--json] [--nodes 9] [--hosts 1000000]
 * [--urls 100000000] [--seed 1] [--kill-node-at 0.5] ...}; see {@link ScaleOptions} for every option and
 * docs/SCALE.md for what the figures mean. {@code --help} prints the usage; exit code 2 for bad options.
 */
public final class ScaleSimulation {
  private ScaleSimulation() {
  }

  public static void main(String[] args) {
    if (java.util.List.of(args).contains("--help")) {
      System.out.println(ScaleOptions.USAGE);
      return;
    }
    ScaleOptions options;
    try {
      options = ScaleOptions.parse(args);
      ScaleReport report = ScaleReport.run(options);
      System.out.print(options.json() ? report.json() + "\n" : report.text());
    } catch (IllegalArgumentException e) {
      System.err.println("ScaleSimulation: " + e.getMessage());
      System.exit(2);
    }
  }
}
