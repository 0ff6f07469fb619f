package dev.scraper.record;

/**
 * Why a URL has no extracted fields: the closed vocabulary of the record's {@code error.type}.
 * Each constant's javadoc says what causes it; the README's table is taken from these.
 */
public enum ErrorType {
  /** The URL's wall-clock budget ({@code timeoutMs}), the connect budget or the idle budget ran out. */
  TIMEOUT("timeout"),
  /** The TCP connection could not be opened, or was reset by the peer. */
  CONNECT("connect"),
  /** The host name could not be resolved. */
  DNS("dns"),
  /** The TLS handshake failed (certificate, protocol version, cipher). */
  TLS("tls"),
  /** The server's answer was not valid HTTP, or the connection closed before a complete response. */
  PROTOCOL("protocol"),
  /** More than {@code maxRedirects} hops, a redirect loop, or a Location that is not a URL. */
  TOO_MANY_REDIRECTS("too-many-redirects"),
  /** A redirect pointed to a scheme other than http or https ({@code file:}, {@code ftp:}, {@code data:}...). */
  REDIRECT_SCHEME("redirect-scheme"),
  /** The body passed {@code maxBodyBytes} (counted after decompression); the download was stopped. */
  BODY_TOO_LARGE("body-too-large"),
  /** The final status was 400 or more. */
  HTTP_STATUS("http-status"),
  /** robots.txt disallows the URL (or a redirect hop of it) for our User-Agent, or is unavailable (RFC 9309). */
  ROBOTS("robots"),
  /** The body was fetched but is not HTML (by Content-Type or by its first bytes), so it was not parsed. */
  NOT_HTML("not-html"),
  /** The run was shut down before the URL was done. */
  CANCELLED("cancelled"),
  /** The line of a urlsFile is not an absolute http or https URL; nothing was fetched. */
  INVALID_URL("invalid-url"),
  /** A bug of ours got in the way of this URL: it is reported (the first ones with a stack trace), never a hang. */
  INTERNAL("internal");

  private final String wire;

  ErrorType(String wire) {
    this.wire = wire;
  }

  /** The name used in records, summaries and the README. */
  public String wire() {
    return wire;
  }

  @Override
  public String toString() {
    return wire;
  }
}
