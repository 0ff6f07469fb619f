package dev.scraper.fetch;

/**
 * An expected per-URL failure: a type from the closed vocabulary and a message for people. No stack trace.
 */
public final class FetchError extends RuntimeException {
  private final ErrorType type;

  public FetchError(ErrorType type, String message) {
    super(message, null, false, false);
    this.type = type;
  }

  public ErrorType type() {
    return type;
  }
}
