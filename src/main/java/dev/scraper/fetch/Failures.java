package dev.scraper.fetch;

import dev.scraper.config.ProxySpec;
import dev.scraper.record.ErrorType;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.http.HttpClosedException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns what the HTTP client throws into an {@link ErrorType} and a short message. Pure: no I/O.
 */
public final class Failures {
  /** Causes looked at, at most (a cycle in the chain ends the walk too). */
  private static final int MAX_CHAIN = 16;
  private Failures() {
  }

  /**
   * The error for a failed request: as {@link #classify}, except that a connection reset once the response head
   * had come is a broken response ({@code protocol}), not a refused connection.
   */
  public static FetchError ofHop(Throwable t, boolean headArrived) {
    FetchError error = classify(t);
    if (headArrived && error.type() == ErrorType.CONNECT) {
      return new FetchError(ErrorType.PROTOCOL, "connection reset before the body was complete", true);
    }
    return error;
  }

  /**
   * As {@link #ofHop(Throwable, boolean)}, for a request through {@code proxy} (null: none): a connection that
   * could not be opened names the proxy, and the proxy's password never shows.
   */
  public static FetchError ofHop(Throwable t, boolean headArrived, ProxySpec proxy) {
    FetchError error = ofHop(t, headArrived);
    if (proxy == null) {
      return error;
    }
    String message = proxy.redact(error.getMessage());
    if (error.type() == ErrorType.CONNECT && !message.startsWith("proxy ")) {
      message = "through proxy " + proxy.shown() + ": " + message;
    }
    return new FetchError(error.type(), message, error.retryable());
  }

  /** The error for a failure of the client (never null). */
  public static FetchError classify(Throwable t) {
    if (t instanceof FetchError e) {
      return e;
    }
    java.util.List<Throwable> chain = new java.util.ArrayList<>();
    for (Throwable c = t; c != null && chain.size() < MAX_CHAIN && !chain.contains(c); c = c.getCause()) {
      chain.add(c);
    }
    FetchError transport = TransportFailures.classify(chain); // TLS (even wrapped by the codec), or the proxy
    if (transport != null) {
      return transport;
    }
    for (Throwable c : chain) {
      FetchError e = classifyOne(c);
      if (e != null) {
        return e;
      }
    }
    return new FetchError(ErrorType.PROTOCOL, describe(t));
  }

  private static FetchError classifyOne(Throwable c) {
    String name = c.getClass().getName();
    if (c instanceof TimeoutException || name.endsWith("TimeoutException")) {
      return new FetchError(ErrorType.TIMEOUT, describe(c), true);
    }
    if (c instanceof UnknownHostException || name.contains("DnsNameResolver")) {
      return new FetchError(ErrorType.DNS, "cannot resolve host: " + c.getMessage());
    }
    if (c instanceof SSLException || name.startsWith("javax.net.ssl")) {
      return new FetchError(ErrorType.TLS, describe(c));
    }
    if (c instanceof ConnectException || c instanceof NoRouteToHostException) {
      return new FetchError(ErrorType.CONNECT, describe(c), true);
    }
    if (c instanceof TooLongFrameException || c instanceof DecoderException) {
      return new FetchError(ErrorType.PROTOCOL, "malformed response: " + describe(c));
    }
    if (c instanceof HttpClosedException || c instanceof ClosedChannelException) {
      return new FetchError(ErrorType.PROTOCOL, "connection closed before a complete response", true);
    }
    if (c instanceof NumberFormatException || c instanceof IllegalArgumentException) {
      return new FetchError(ErrorType.PROTOCOL, "malformed response: " + describe(c));
    }
    if (c instanceof SocketException) {
      return new FetchError(ErrorType.CONNECT, describe(c), true);
    }
    return null;
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }
}
