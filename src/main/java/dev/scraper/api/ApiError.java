package dev.scraper.api;

/** A request the API refuses: the HTTP status and a one-sentence message for {@code {"error": ...}}. */
final class ApiError extends RuntimeException {
  final int status;

  ApiError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }
}
