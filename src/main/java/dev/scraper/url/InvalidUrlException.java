package dev.scraper.url;

/**
 * A URL that cannot be fetched, with a message meant for the user (it quotes the URL). Thrown for every bad line
 * of a long urlsFile and every bad link of a page, so it carries no stack trace: the reason and message say it all.
 */
public final class InvalidUrlException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** What is wrong, for callers that treat some problems differently (a redirect to {@code ftp:} is not a typo). */
  public enum Reason {
    /** Nothing given. */
    EMPTY,
    /** No scheme: a relative reference or a bare host name where an absolute URL is needed. */
    NO_SCHEME,
    /** A scheme other than http and https. */
    SCHEME,
    /** The authority is malformed (an IPv6 literal without its closing bracket, text after it). */
    SYNTAX,
    /** No host, or one that is not a host name or an IP address. */
    HOST,
    /** A port that is not a number from 1 to 65535. */
    PORT
  }

  private final Reason reason;

  InvalidUrlException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
