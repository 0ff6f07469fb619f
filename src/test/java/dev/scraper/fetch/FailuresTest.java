package dev.scraper.fetch;

import dev.scraper.record.ErrorType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailuresTest {
  private static final Map<String, Supplier<Throwable>> CASES = Map.ofEntries(
      Map.entry("connect refused", () -> new ConnectException("Connection refused")),
      Map.entry("connect, no message", ConnectException::new),
      Map.entry("no route", () -> new NoRouteToHostException("No route to host")),
      Map.entry("socket reset", () -> new SocketException("Connection reset")),
      Map.entry("unknown host", () -> new UnknownHostException("nosuch.invalid")),
      Map.entry("timeout", () -> new TimeoutException("The timeout period of 5000ms has been exceeded")),
      Map.entry("vert.x timeout", () -> new NoStackTraceTimeoutException("idle timeout")),
      Map.entry("netty connect timeout", () -> new ConnectTimeoutException("connection timed out: /10.0.0.1:80")),
      Map.entry("tls handshake", () -> new SSLHandshakeException("PKIX path building failed")),
      Map.entry("tls other", () -> new SSLException("Received fatal alert: protocol_version")),
      Map.entry("line too long", () -> new TooLongFrameException("An HTTP line is larger than 4096 bytes.")),
      Map.entry("decoder", () -> new DecoderException("invalid chunk size")),
      Map.entry("http closed", () -> new HttpClosedException("Connection was closed")),
      Map.entry("channel closed", ClosedChannelException::new),
      Map.entry("bad number", () -> new NumberFormatException("invalid chunk size: zz")),
      Map.entry("bad argument", () -> new IllegalArgumentException("invalid version format: SSH-2.0-OPENSSH_9.6")),
      Map.entry("wrapped bad number", () -> new DecoderException(new NumberFormatException("zz"))),
      Map.entry("unknown", () -> new IllegalStateException("something odd")),
      Map.entry("unknown, no message", IllegalStateException::new),
      Map.entry("wrapped connect", () -> new RuntimeException("wrapper", new ConnectException("Connection refused"))),
      Map.entry("deeply wrapped dns", () -> new CompletionException(
          new VertxException("outer", new UnknownHostException("deep.invalid")))),
      Map.entry("wrapped timeout", () -> new VertxException("outer", new TimeoutException("slow"))),
      Map.entry("wrapped unknown", () -> new RuntimeException("outer", new IllegalStateException("inner"))),
      Map.entry("outermost known wins", () -> new SSLHandshakeException("handshake") {
        {
          initCause(new SocketException("reset"));
        }
      }));

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      connect refused        | connect  | Connection refused
      connect, no message    | connect  | ConnectException
      no route               | connect  | No route to host
      socket reset           | connect  | Connection reset
      unknown host           | dns      | cannot resolve host: nosuch.invalid
      timeout                | timeout  | The timeout period of 5000ms has been exceeded
      vert.x timeout         | timeout  | idle timeout
      netty connect timeout  | timeout  | connection timed out: /10.0.0.1:80
      tls handshake          | tls      | TLS handshake failed: PKIX path building failed
      tls other              | tls      | TLS handshake failed: no TLS version in common with the server (we offer TLS 1.2 and 1.3)
      line too long          | protocol | malformed response: An HTTP line is larger than 4096 bytes.
      decoder                | protocol | malformed response: invalid chunk size
      http closed            | protocol | connection closed before a complete response
      channel closed         | protocol | connection closed before a complete response
      bad number             | protocol | malformed response: invalid chunk size: zz
      bad argument           | protocol | malformed response: invalid version format: SSH-2.0-OPENSSH_9.6
      wrapped bad number     | protocol | malformed response: java.lang.NumberFormatException: zz
      unknown                | protocol | something odd
      unknown, no message    | protocol | IllegalStateException
      wrapped connect        | connect  | Connection refused
      deeply wrapped dns     | dns      | cannot resolve host: deep.invalid
      wrapped timeout        | timeout  | slow
      wrapped unknown        | protocol | outer
      outermost known wins   | tls      | TLS handshake failed: the server closed the connection during the handshake
      """)
  void classifyGivesTheErrorTypeAndMessage(String name, String type, String message) {
    FetchError e = Failures.classify(CASES.get(name).get());
    assertEquals(type, e.type().wire());
    assertEquals(message, e.getMessage());
  }

  @Test
  void aFetchErrorPassesThroughUnchanged() {
    FetchError given = new FetchError(ErrorType.BODY_TOO_LARGE, "body passed 10 MB");
    assertSame(given, Failures.classify(given));
  }

  @Test
  void aFetchErrorInsideAWrapperIsClassifiedByItsCause() {
    FetchError e = Failures.classify(new RuntimeException("outer", new ConnectException("refused")));
    assertEquals(ErrorType.CONNECT, e.type());
  }

  @Test
  void aTlsHandshakeFailureWrappedInADecoderExceptionIsTls() {
    Throwable wrapped = new DecoderException(new SSLHandshakeException("No subject alternative names present"));
    assertEquals(ErrorType.TLS, Failures.classify(wrapped).type());
  }

  @Test
  void aCauseCycleDoesNotHang() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    // a hang would never end; 10 s leaves a loaded machine (class loading, a new thread) all the time it needs
    FetchError e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Failures.classify(a));
    assertEquals(ErrorType.PROTOCOL, e.type());
  }
}
