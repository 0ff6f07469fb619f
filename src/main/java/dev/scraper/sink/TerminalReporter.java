package dev.scraper.sink;

import dev.scraper.record.Record;
import dev.scraper.metrics.RunStats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

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
    this.tty = tty && !LogFormat.json(); // JSON log lines: no colours, no progress line
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
    if (LogFormat.json()) {
      b.append(LogFormat.line(r.ok() ? "info" : "warn", "url", new io.vertx.core.json.JsonObject().put("record",
          r.toJson())));
    } else {
      UrlLine.append(b, r, tty, showJob);
    }
    if (b.length() >= 32 * 1024) {
      drain();
    }
  }

  /** A line of its own (not dropped, even when quiet). */
  public void line(String text) {
    line(text, null);
  }

  /**
   * A line of its own (not dropped, even when quiet); as a JSON log line ({@link LogFormat}), {@code fields} (may be
   * null) go with the text.
   */
  public void line(String text, io.vertx.core.json.JsonObject fields) {
    pending.append(LogFormat.json() ? LogFormat.line("info", text, fields) : text + "\n");
    drain();
  }

  /**
   * A warning or a problem of a run on a line of its own (not dropped, even when quiet), with its control characters
   * escaped: it may quote what a server sent (a sitemap's URL, a reason phrase).
   */
  public void problem(String text) {
    pending.append(LogFormat.json() ? LogFormat.line("warn", text, null) : UrlLine.printable(text) + "\n");
    drain();
  }

  /** Writes the summary of one job; the records the file holds are not known (yet). */
  public void summary(String job, String runId, RunStats s, String output) {
    summary(job, runId, s, output, -1);
  }

  /** As above, with {@code written} (or -1): shown only when the file holds fewer records than the run made. */
  public void summary(String job, String runId, RunStats s, String output, long written) {
    if (LogFormat.json()) {
      pending.append(LogFormat.line("info", "run summary", SummaryText.json(job, runId, s, output, written)));
      return;
    }
    pending.append(SummaryText.of(job, runId, s, output, written, tty, dropped));
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
