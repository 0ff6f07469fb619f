package dev.scraper.fetch;

import dev.scraper.record.ErrorType;

/**
 * An expected per-URL failure: a type from the closed vocabulary, a message for people, and whether trying again
 * may help (network errors and timeouts; not a bad status line or a refused redirect). No stack trace.
 */
public final class FetchError extends RuntimeException {
  private final ErrorType type;
  private final boolean retryable;

  public FetchError(ErrorType type, String message) {
    this(type, message, false);
  }

  public FetchError(ErrorType type, String message, boolean retryable) {
    super(message, null, false, false);
    this.type = type;
    this.retryable = retryable;
  }

  public ErrorType type() {
    return type;
  }

  /** Whether another attempt may succeed. */
  public boolean retryable() {
    return retryable;
  }

  /** The same error with more words after the message. */
  public FetchError withSuffix(String suffix) {
    return new FetchError(type, getMessage() + suffix, retryable);
  }
}
