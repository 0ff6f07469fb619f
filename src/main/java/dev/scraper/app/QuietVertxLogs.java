package dev.scraper.app;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;
import java.io.IOException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;

/**
 * Logs at FINE, so off the terminal by default, the SEVERE lines Vert.x writes on its own for network failures that
 * the scraper already reports as a URL's error record. Without it a run against a misbehaving server prints lines
 * such as {@code SEVERE: Connection reset} or {@code SEVERE: Stream reset: 0} (with a stack trace for the latter)
 * for what are normal outcomes of a crawl.
 *
 * <p>What Vert.x 5.0.10 (Netty 4.2) logs during the hostile-server tests, all at SEVERE:
 * <ul>
 *   <li>{@code io.vertx.core.net.impl.ConnectionBase}: the connection's failure when the connection has no
 *   exception handler of its own, which the client's connections never have. The same failure also fails the
 *   request in flight, if any, which gives the URL its record; with none in flight (a kept-alive connection reset
 *   by the server, bytes after a complete response) the connection is simply dropped from the pool. Seen: {@code
 *   SocketException: Connection reset}, {@code PrematureChannelClosureException: Connection closed before received
 *   headers}, {@code TooLongHttpHeaderException}, {@code TooLongHttpLineException}, {@code
 *   InvalidLineSeparatorException}, and {@code IllegalArgumentException} or {@code NumberFormatException} thrown by
 *   Netty's response decoder (bad status line or code, invalid header name or value, no colon, bad or duplicated
 *   Content-Length, bad chunk size), and {@code VertxException: Received an HTTP message with no request in
 *   progress}. Vert.x passes the exception along only when debug is on for this logger (else it logs the message
 *   alone), so {@link #install} sets its level to FINE when nothing configured one: then each record can be judged
 *   by what was thrown rather than by message text, and an unrecognised one shows with its stack trace.</li>
 *   <li>{@code io.vertx.core.http.impl.HttpClientResponseImpl}: {@code StreamResetException: Stream reset: 0} when
 *   the fetcher resets a request whose response head has just arrived (a declared body over maxBodyBytes, as from
 *   /huge-declared), before the WebClient has attached its own handlers to the response.</li>
 *   <li>{@code io.vertx.core.http.impl.HttpClientRequestImpl} (a failure while the request is still being written,
 *   as it has no exception handler; a GET is written at once) and {@code io.vertx.core.impl.ContextImpl}'s {@code
 *   Unhandled exception}: not seen, but the same failures would be just as handled there. Like the connection, the
 *   request passes the exception only with debug on, so its level is set to FINE too.</li>
 *   <li>{@code io.vertx.core.eventbus.impl.clustered.ClusteredEventBus} (with {@code -cluster}): {@code Connecting
 *   to server <node id> failed} at WARNING, with a {@code ConnectException} and its stack trace or a {@code
 *   VertxException: Not a member of the cluster}, for a message sent to a member killed a moment before: the
 *   message fails, and the scraper says on a line of its own that the node left the cluster and where its URLs go.
 *   Demoted whatever it carries.</li>
 * </ul>
 * Only WARNING and SEVERE records of these loggers are looked at, and only those whose exception came from the network
 * or from Netty's HTTP decoding are demoted (see {@link #fromTheNetwork}): a bug logged by the same loggers (a
 * NullPointerException in a handler, a file error, a record without an exception) keeps its level. With {@code
 * -Dscraper.debug=true} nothing is installed and Vert.x logs as it always does; a {@code
 * -Djava.util.logging.config.file} that lets FINE through shows the demoted records with their stack traces.
 *
 * <p>crawler-commons' sitemap parser ({@code crawlercommons.sitemaps}) is set to SEVERE, unless something configured
 * it: its WARNING for a document it cannot parse says what the run already reports on a line of its own.
 */
public final class QuietVertxLogs implements Filter {
  /** The system property that, when true, leaves Vert.x's logging untouched. */
  public static final String DEBUG_PROPERTY = "scraper.debug";
  static final String CONNECTION = "io.vertx.core.net.impl.ConnectionBase";
  static final String REQUEST = "io.vertx.core.http.impl.HttpClientRequestImpl";
  static final String RESPONSE = "io.vertx.core.http.impl.HttpClientResponseImpl";
  static final String CONTEXT = "io.vertx.core.impl.ContextImpl";
  /** The clustered event bus, which warns with a stack trace when it cannot reach a member that just died. */
  static final String CLUSTER_BUS = "io.vertx.core.eventbus.impl.clustered.ClusteredEventBus";
  /** crawler-commons' sitemap parser, which logs a WARNING for each document it cannot parse and each bad line. */
  static final String SITEMAPS = "crawlercommons.sitemaps";
  static final String UNHANDLED = "Unhandled exception";
  private static final String NO_SERVER = "Connecting to server ";
  private static final String NO_REQUEST = "Received an HTTP message with no request in progress";

  /** The filtered loggers. JUL holds loggers weakly: one collected before Vert.x asks for it comes back bare. */
  private static final List<Logger> INSTALLED = new ArrayList<>();

  private final Logger logger;
  private final Filter previous;
  private final boolean onlyUnhandled;

  QuietVertxLogs(Logger logger, Filter previous, boolean onlyUnhandled) {
    this.logger = logger;
    this.previous = previous;
    this.onlyUnhandled = onlyUnhandled;
  }

  /** {@link #install}s the filters unless {@code -Dscraper.debug=true}; the jar calls this first thing. */
  public static void installUnlessDebugging() {
    if (!Boolean.getBoolean(DEBUG_PROPERTY)) {
      install();
    }
  }

  /** Puts the filter on each logger named above (keeping any filter already there); does nothing the second time. */
  public static synchronized void install() {
    if (!INSTALLED.isEmpty()) {
      return;
    }
    for (String name : List.of(CONNECTION, REQUEST, RESPONSE, CONTEXT, CLUSTER_BUS)) {
      Logger logger = Logger.getLogger(name);
      logger.setFilter(new QuietVertxLogs(logger, logger.getFilter(), name.equals(CONTEXT)));
      INSTALLED.add(logger);
    }
    for (String name : List.of(CONNECTION, REQUEST)) {
      Logger logger = Logger.getLogger(name);
      if (logger.getLevel() == null) {
        logger.setLevel(Level.FINE); // so that Vert.x passes the exception with the message (see above)
      }
    }
    Logger sitemaps = Logger.getLogger(SITEMAPS);
    if (sitemaps.getLevel() == null) {
      sitemaps.setLevel(Level.SEVERE); // each sitemap it could not parse is reported by the run, once
      INSTALLED.add(sitemaps);
    }
  }

  /** Demotes an expected record to FINE, which its logger then publishes only if it lets FINE through. */
  @Override
  public boolean isLoggable(LogRecord record) {
    if (record.getLevel().intValue() >= Level.WARNING.intValue() && expected(record)) {
      record.setLevel(Level.FINE);
      if (!logger.isLoggable(Level.FINE)) {
        return false;
      }
    }
    return previous == null || previous.isLoggable(record);
  }

  private boolean expected(LogRecord record) {
    if (onlyUnhandled && !UNHANDLED.equals(record.getMessage())) {
      return false;
    }
    if (CLUSTER_BUS.equals(logger.getName()) && record.getMessage() != null
        && record.getMessage().startsWith(NO_SERVER)) {
      return true; // a member that just left: refused, or no longer a member; the message sent to it fails
    }
    return record.getThrown() != null && fromTheNetwork(record.getThrown());
  }

  /**
   * Whether {@code t} is a failure of the connection or of the peer's bytes rather than of code: Vert.x's reset,
   * closed and timeout exceptions; Netty's decoder failures; an I/O exception raised under Netty (socket reads and
   * writes, TLS) or a socket or TLS one; a runtime exception thrown by Netty's codec code (the HTTP decoder
   * rejecting a status line or a header). An I/O exception from a file, or anything thrown by Vert.x's or our own
   * code, is not.
   */
  static boolean fromTheNetwork(Throwable t) {
    if (t instanceof StreamResetException || t instanceof HttpClosedException || t instanceof TimeoutException
        || t instanceof DecoderException || t instanceof PrematureChannelClosureException) {
      return true;
    }
    if (t instanceof VertxException && t.getMessage() != null && t.getMessage().startsWith(NO_REQUEST)) {
      return true;
    }
    String origin = origin(t);
    if (t instanceof IOException) {
      return t instanceof SocketException || t instanceof SSLException
          || origin == null || origin.startsWith("io.netty.");
    }
    return t instanceof RuntimeException && origin != null && origin.startsWith("io.netty.handler.codec.");
  }

  /** The class of the first frame of {@code t}'s stack outside the JDK; null when there is none (stackless). */
  private static String origin(Throwable t) {
    for (StackTraceElement frame : t.getStackTrace()) {
      String c = frame.getClassName();
      if (!(c.startsWith("java.") || c.startsWith("javax.") || c.startsWith("jdk.") || c.startsWith("sun.")
          || c.startsWith("com.sun."))) {
        return c;
      }
    }
    return null;
  }
}
