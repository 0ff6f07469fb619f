package dev.scraper.app;

import dev.scraper.config.Defaults;

/** The texts of {@code --help}, {@code --version} and of a wrong command line. */
final class Help {
  /** The one usage line shown under a command-line mistake. */
  static final String USAGE = "usage: scraper [options] URL...  |  scraper -conf conf.json";
  /** The line that follows a mistake. */
  static final String TRY = "try 'scraper --help' for the options";

  private Help() {
  }

  /** {@code --version}: {@code scraper <version>}, the jar's Implementation-Version or {@code dev} from classes. */
  static String version() {
    return "scraper " + Defaults.VERSION;
  }

  /** {@code --help}: usage, options, the config in brief, examples and where the docs are. */
  static String text() {
    return """
        scraper %s: fetches web pages politely and fast, one JSON record per URL.

        Usage:
          scraper [options] URL...            a quick run of these URLs, no config file needed
          command | scraper [options]         the same with URLs from stdin, one a line
          scraper -conf conf.json             the jobs of a config (a file, or inline JSON)

        Options of the quick form (the rest is the config's defaults):
          --url URL             a URL to fetch (or give it bare); repeat it; "-" reads stdin too
          --extract NAME=CSS    a field: text of the first match; NAME=CSS@ATTR an attribute
                                (@abs:href makes a link absolute); repeat it
          --concurrency N       requests in flight, all hosts together (default %d)
          --timeout-ms MS       budget for one URL, retries included (default %d)
          --no-follow           do not follow redirects
          --no-robots           do not obey robots.txt
          -o, --output FILE     write the records (JSON lines) to FILE
          Records go to stdout when it is not a terminal (pipe them to jq or a file), else only
          with -o. Stdin is read when no URL is given and it is a pipe or a file, or with --url -.

        Other options:
          -conf FILE|JSON       run the jobs of a config; "urlsFile": "-" reads stdin, "path": "-"
                                writes the records to stdout
          --fresh               with "dataDir": start every job over instead of resuming
                                its unfinished run ("fresh": true in the config)
          -h, --help            this text
          --version             the version
          -Dscraper.quiet=true  print only the summary
          -Dscraper.verbose=true  scheduled runs print a line per URL too, not only one per run
          -Dscraper.color=never|always   colours off or on (NO_COLOR turns them off too)
          -options FILE|JSON, -cluster-port P: Vert.x launcher options
          -D options work before -jar (JVM flags) and after it. Refused: -worker, -vt, -instances N
          (N > 1) and a main-verticle argument: one engine on one event loop runs every job.
        When records go to stdout, the per-URL lines, progress and summary go to stderr.

        This node's own values, over the config's (several nodes from one conf.json):
          -Dscraper.http.port=P     the management API's port ("http" must be in the config)
          -Dscraper.http.host=H     the management API's address
          -Dscraper.dataDir=DIR     where this node keeps its state ("dataDir")
          -Dscraper.outputDir=DIR   where this node writes its outputs ("outputDir")

        Cluster (README.md, "Cluster"):
          -cluster              join the other nodes and share the work; "jobs": [] makes a node
                                that only works for the others
          -cluster-host ADDR    the event bus's address (default 127.0.0.1: this machine only)
          -Dvertx.hazelcast.config=conf/cluster.xml   nodes on several machines
          -Dscraper.node.name=NAME   the node's name in the API and the logs (default host-pid)
          -Dscraper.debug=true  Vert.x's and Hazelcast's own log lines, all of them

        The config in brief (every key: README.md, "Config reference"):
          {"defaults": {"concurrency": 64, "perHost": 8, "delayMs": 0, "timeoutMs": 30000,
                        "retries": 2, "robotsTxt": true, "followRedirects": true, ...},
           "jobs": [{"name": "books", "urls": ["https://..."], "urlsFile": "urls.txt",
                     "extract": {"title": "h1", "image": {"css": "img", "attr": "abs:src"}},
                     "output": {"path": "out/books.jsonl"}}]}

        Exit codes: 0 every URL fetched, 1 some URLs have an error record, 2 bad options or
        config (nothing fetched), 3 the output could not be written (a closed pipe too).

        Examples:
          scraper https://example.com/ https://example.org/
          scraper --extract title=h1 https://example.com/ | jq -r .fields.title
          cat urls.txt | scraper --no-robots --concurrency 16 -o out/probe.jsonl
          cat urls.txt | scraper -conf probe.json | jq -r '[.status, .latencyMs, .url] | @tsv'
          scripts/scraper -conf conf.json     (the launcher with tuned JVM flags)

        Documentation: README.md of the scraper project (config keys, records, error types,
        exit codes, performance) and docs/.
        """.formatted(Defaults.VERSION, Defaults.CONCURRENCY, Defaults.TIMEOUT_MS);
  }
}
