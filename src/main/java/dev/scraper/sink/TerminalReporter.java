package dev.scraper.sink;

import dev.scraper.record.Record;
import dev.scraper.metrics.LinkStats;
import dev.scraper.metrics.RunStats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * What people see while a run goes: one line per URL (coloured on a terminal), a progress line on a terminal
 * for runs longer than {@value #PROGRESS_AFTER_MS} ms, and the closing summary. Lines are collected on the event
 * loop and written in chunks by a worker, so a slow terminal never stalls fetching; if it falls far behind,
 * per-URL lines are dropped (and counted) rather than held.
 */
public final class TerminalReporter {
  static final long PROGRESS_AFTER_MS = 2_000;
  static final long TICK_MS = 200;
  static final int MAX_PENDING_CHUNKS = 64;
  /** On a terminal, OK lines shown before a big run shows only its errors (and the progress line). */
  static final int MAX_OK_LINES = 50;
  private static final String RESET = UrlLine.RESET;
  private static final String BOLD = "\u001b[1m";
  private static final String CLEAR_LINE = "\r\u001b[2K";

  private final Vertx vertx;
  private final PrintStream out;
  private final boolean tty;
  private final boolean quiet;
  private final boolean showJob;
  private final long startMs = System.currentTimeMillis();
  private StringBuilder pending = new StringBuilder();
  private int chunksInFlight;
  private long dropped;
  private long okLines;
  private long timer = -1;
  private String progress;
  private boolean progressShown;

  /**
   * @param tty colours and a progress line
   * @param quiet only the summary
   * @param showJob prefix each line with the job name (several jobs run together)
   */
  public TerminalReporter(Vertx vertx, PrintStream out, boolean tty, boolean quiet, boolean showJob) {
    this.vertx = vertx;
    this.out = out;
    this.tty = tty;
    this.quiet = quiet;
    this.showJob = showJob;
  }

  /** Whether stdout is a terminal and colours are wanted ({@code NO_COLOR} unset, {@code -Dscraper.color} not never). */
  public static boolean stdoutIsTerminal() {
    String forced = System.getProperty("scraper.color", "auto");
    if (forced.equals("always")) {
      return true;
    }
    if (forced.equals("never") || System.getenv("NO_COLOR") != null) {
      return false;
    }
    return System.console() != null;
  }

  /**
   * Starts the tick that writes pending lines (so piped output flows too) and, on a terminal, redraws the
   * progress line; {@code progressText} is asked for the current progress line.
   */
  public void start(java.util.function.Supplier<String> progressText) {
    if (timer >= 0) {
      return;
    }
    timer = vertx.setPeriodic(TICK_MS, id -> {
      if (tty && System.currentTimeMillis() - startMs >= PROGRESS_AFTER_MS) {
        progress = progressText.get();
      }
      drain();
    });
  }

  /** One finished URL. */
  public void url(Record r) {
    if (quiet) {
      return;
    }
    if (chunksInFlight >= MAX_PENDING_CHUNKS) {
      dropped++;
      return;
    }
    if (tty && r.ok() && ++okLines > MAX_OK_LINES) { // a big run: a progress line, and every error
      if (okLines == MAX_OK_LINES + 1) {
        pending.append("(more than ").append(MAX_OK_LINES).append(" URLs: from here on only errors are shown; the"
            + " progress line counts the rest)\n");
      }
      return;
    }
    StringBuilder b = pending;
    UrlLine.append(b, r, tty, showJob);
    if (b.length() >= 32 * 1024) {
      drain();
    }
  }

  /** A line of its own (not dropped, even when quiet). */
  public void line(String text) {
    pending.append(text).append('\n');
    drain();
  }

  /**
   * A warning or a problem of a run on a line of its own (not dropped, even when quiet), with its control characters
   * escaped: it may quote what a server sent (a sitemap's URL, a reason phrase).
   */
  public void problem(String text) {
    line(UrlLine.printable(text));
  }

  /** Writes the summary of one job; the records the file holds are not known (yet). */
  public void summary(String job, String runId, RunStats s, String output) {
    summary(job, runId, s, output, -1);
  }

  /** As above, with {@code written} (or -1): shown only when the file holds fewer records than the run made. */
  public void summary(String job, String runId, RunStats s, String output, long written) {
    StringBuilder b = new StringBuilder();
    String head = "== " + job + " (run " + runId + ") ";
    b.append(tty ? BOLD : "").append(head).append("=".repeat(Math.max(3, 60 - head.length())))
        .append(tty ? RESET : "").append('\n');
    b.append(String.format(Locale.ROOT, "URLs      %d", s.done()));
    if (s.duplicates() > 0) {
      b.append(" (").append(s.duplicates()).append(" duplicate").append(s.duplicates() == 1 ? "" : "s")
          .append(" skipped)");
    }
    b.append('\n');
    b.append("ok        ").append(s.ok()).append('\n');
    b.append("changed   ").append(s.changed()).append(", unchanged ").append(s.unchanged()).append(" (")
        .append(s.notModified()).append(" 304s)\n");
    b.append("errors    ").append(s.failed());
    counts(b.append(s.errors().isEmpty() ? "" : ": "), s.errors()).append('\n');
    if (s.sitemaps().used()) {
      b.append("sitemaps  ").append(s.sitemaps().summary()).append('\n');
    }
    if (!s.retries().isEmpty()) {
      long total = s.retries().values().stream().mapToLong(Long::longValue).sum();
      b.append("retries   ").append(total).append(": ");
      counts(b, s.retries()).append('\n');
    }
    LinkStats links = s.links();
    if (links.found() > 0) {
      b.append("links     ").append(links.found()).append(" found: ").append(links.queuedCount()).append(" queued, ")
          .append(links.seenCount()).append(" already seen");
      counts(b.append(links.dropped().isEmpty() ? "" : ", "), links.dropped()).append('\n');
    }
    b.append(String.format(Locale.ROOT, "elapsed   %.2f s (%.1f pages/s)%n", s.elapsedSeconds(), s.rate()));
    b.append(String.format(Locale.ROOT, "latency   p50 %d ms, p95 %d ms, max %d ms%n",
        s.latency().percentile(0.50), s.latency().percentile(0.95), s.latency().max()));
    b.append("bytes     ").append(humanBytes(s.bytes())).append('\n');
    if (s.latency().count() >= 2 && s.speedup() >= 1.1) { // a speed-up of one URL, or of URLs in a row, means nothing
      b.append(String.format(Locale.ROOT, "speed-up  %.1fx over fetching one URL after another%n", s.speedup()));
    }
    if (dropped > 0) {
      b.append("(").append(dropped).append(" per-URL lines not shown: the terminal could not keep up)\n");
    }
    b.append(written >= 0 && written != s.done() ? "written   " + written + " of " + s.done() + " records\n" : "");
    b.append("output    ").append(output).append('\n');
    pending.append(b);
  }

  /** Writes everything pending from the calling thread, at once (at shutdown, when workers may be gone). */
  public void flushNow() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    StringBuilder chunk = new StringBuilder();
    if (tty && progressShown) {
      chunk.append(CLEAR_LINE);
      progressShown = false;
    }
    chunk.append(pending);
    pending = new StringBuilder();
    out.print(chunk);
    out.flush();
  }

  /** Stops the tick and writes everything still pending. */
  public Future<Void> close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    progress = null;
    return drain();
  }

  private Future<Void> drain() {
    if (pending.length() == 0 && (progress == null || !tty)) {
      return Future.succeededFuture();
    }
    StringBuilder chunk = new StringBuilder();
    if (tty && progressShown) {
      chunk.append(CLEAR_LINE);
    }
    chunk.append(pending);
    pending = new StringBuilder();
    progressShown = false;
    if (tty && progress != null) {
      chunk.append(progress);
      progressShown = true;
    }
    byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
    chunksInFlight++;
    return vertx.executeBlocking(() -> {
      out.write(bytes);
      out.flush();
      return null;
    }, true).onComplete(ar -> chunksInFlight--).mapEmpty();
  }

  /** "a 1, b 2" into {@code b}. */
  private static StringBuilder counts(StringBuilder b, Map<String, Long> counts) {
    String sep = "";
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      b.append(sep).append(e.getKey()).append(' ').append(e.getValue());
      sep = ", ";
    }
    return b;
  }

  /** 1234567 → "1.2 MB". */
  public static String humanBytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
