package dev.scraper.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;
import java.io.IOException;
import java.net.SocketException;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The filter demotes what it recognises as a handled network failure and leaves every other record as it was. */
class QuietVertxLogsTest {
  /** Loggers of this test's own, held strongly (JUL keeps loggers weakly) and never Vert.x's. */
  private static final Logger AT_INFO = Logger.getLogger("dev.scraper.test.quiet.info");
  private static final Logger AT_FINE = Logger.getLogger("dev.scraper.test.quiet.fine");

  static {
    AT_INFO.setLevel(Level.INFO);
    AT_FINE.setLevel(Level.FINE);
  }

  private static LogRecord severe(String message, Throwable thrown) {
    LogRecord r = new LogRecord(Level.SEVERE, message);
    r.setThrown(thrown);
    return r;
  }

  /** {@code t} as if thrown by {@code className}: its stack starts there (under JDK frames, as parseInt's). */
  private static <T extends Throwable> T thrownBy(String className, T t) {
    t.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("java.lang.Integer", "parseInt", "Integer.java", 668),
        new StackTraceElement(className, "decode", null, 1),
        new StackTraceElement("io.netty.channel.nio.NioIoHandler", "run", null, 1)});
    return t;
  }

  @Test
  void aHandledFailureIsDemotedToFineAndDroppedWhenItsLoggerIsAtInfo() {
    QuietVertxLogs filter = new QuietVertxLogs(AT_INFO, null, false);
    for (Throwable handled : new Throwable[] {
        new StreamResetException(0),
        new HttpClosedException("Connection was closed"),
        new SocketException("Connection reset"),
        new PrematureChannelClosureException("Connection closed before received headers"),
        new TooLongHttpHeaderException("HTTP header is larger than 8192 bytes."),
        new VertxException("Received an HTTP message with no request in progress: DefaultHttpResponse"),
        thrownBy("io.netty.handler.codec.http.HttpResponseDecoder", new NumberFormatException("For input string")),
        thrownBy("io.netty.handler.codec.DefaultHeaders", new IllegalArgumentException("Validation failed")),
        thrownBy("io.netty.channel.socket.nio.NioSocketChannel", new IOException("Connection reset by peer"))}) {
      LogRecord r = severe(handled.getMessage(), handled);
      assertFalse(filter.isLoggable(r), handled.toString());
      assertEquals(Level.FINE, r.getLevel(), handled.toString());
    }
  }

  @Test
  void aDemotedRecordIsPublishedAtFineWhenItsLoggerLetsFineThrough() {
    LogRecord r = severe("Connection reset", new SocketException("Connection reset"));
    assertTrue(new QuietVertxLogs(AT_FINE, null, false).isLoggable(r));
    assertEquals(Level.FINE, r.getLevel());
    assertSame(SocketException.class, r.getThrown().getClass(), "the exception stays, for a debugging handler");
  }

  @Test
  void aRecordItDoesNotRecogniseIsKeptAsItWas() {
    QuietVertxLogs filter = new QuietVertxLogs(AT_INFO, null, false);
    LogRecord[] kept = {
        severe("boom", new NullPointerException("boom")), // a bug in a handler
        severe("bad", thrownBy("dev.scraper.fetch.Exchange", new IllegalArgumentException("bad"))),
        severe("disk", thrownBy("io.vertx.core.file.impl.AsyncFileImpl", new IOException("No space left on device"))),
        severe("Received an invalid message: X", new VertxException("Received an invalid message: X")),
        severe("Connection reset", null), // nothing to judge by but the text
    };
    for (LogRecord r : kept) {
      assertTrue(filter.isLoggable(r), r.getMessage());
      assertEquals(Level.SEVERE, r.getLevel(), r.getMessage());
    }
    LogRecord info = new LogRecord(Level.INFO, "Connection reset");
    info.setThrown(new SocketException("Connection reset"));
    assertTrue(filter.isLoggable(info));
    assertEquals(Level.INFO, info.getLevel(), "below WARNING nothing is touched");
  }

  @Test
  void theContextLoggerDemotesOnlyUnhandledExceptionsFromTheNetwork() {
    QuietVertxLogs filter = new QuietVertxLogs(AT_INFO, null, true);
    assertFalse(filter.isLoggable(severe(QuietVertxLogs.UNHANDLED, new SocketException("Connection reset"))));
    assertTrue(filter.isLoggable(severe(QuietVertxLogs.UNHANDLED, new IllegalStateException("a bug"))));
    assertTrue(filter.isLoggable(severe("Failed to run redeployment task", new SocketException("reset"))));
  }

  @Test
  void theClusteredBusWarningForAMemberThatJustDiedIsDemoted() {
    Logger bus = Logger.getLogger(QuietVertxLogs.CLUSTER_BUS);
    QuietVertxLogs filter = new QuietVertxLogs(bus, null, false);
    for (Throwable gone : new Throwable[] {new java.net.ConnectException("Connection refused: /127.0.0.1:41234"),
        new VertxException("Not a member of the cluster")}) {
      LogRecord r = new LogRecord(Level.WARNING, "Connecting to server 0d4c5c1e failed");
      r.setThrown(gone);
      assertFalse(filter.isLoggable(r) && r.getLevel() != Level.FINE, "the scraper says on its own line: " + gone);
      assertEquals(Level.FINE, r.getLevel(), gone.toString());
    }
    LogRecord other = new LogRecord(Level.WARNING, "Failed to send message");
    other.setThrown(new VertxException("Not a member of the cluster"));
    filter.isLoggable(other);
    assertEquals(Level.WARNING, other.getLevel(), "only the failed connection to a member is demoted");
  }

  @Test
  void aFilterThatWasAlreadyThereStillDecides() {
    Filter refuseAll = r -> false;
    assertFalse(new QuietVertxLogs(AT_INFO, refuseAll, false).isLoggable(severe("x", new NullPointerException())));
    assertFalse(new QuietVertxLogs(AT_FINE, refuseAll, false)
        .isLoggable(severe("Stream reset: 0", new StreamResetException(0))));
  }

  @Test
  void installFiltersVertxsClientLoggersOnceAndLetsTheConnectionPassItsExceptions() {
    QuietVertxLogs.install();
    QuietVertxLogs.install();
    for (String name : new String[] {QuietVertxLogs.CONNECTION, QuietVertxLogs.REQUEST, QuietVertxLogs.RESPONSE,
        QuietVertxLogs.CONTEXT, QuietVertxLogs.CLUSTER_BUS}) {
      Filter filter = Logger.getLogger(name).getFilter();
      assertTrue(filter instanceof QuietVertxLogs, name + " has " + filter);
    }
    assertTrue(Logger.getLogger(QuietVertxLogs.CONNECTION).isLoggable(Level.FINE),
        "Vert.x logs a connection's exception only with debug on");
    Logger connection = Logger.getLogger(QuietVertxLogs.CONNECTION);
    LogRecord genuine = severe("boom", new NullPointerException("boom"));
    assertTrue(connection.getFilter().isLoggable(genuine));
    assertEquals(Level.SEVERE, genuine.getLevel());
    assertEquals(Level.SEVERE, Logger.getLogger(QuietVertxLogs.SITEMAPS).getLevel(),
        "each sitemap the parser cannot read is reported by the run, not again by crawler-commons");
  }
}
