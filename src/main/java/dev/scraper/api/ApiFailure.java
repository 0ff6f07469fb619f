package dev.scraper.api;

/** Why the management API could not start: an output of the config could not be opened, or the port is taken. */
public final class ApiFailure extends RuntimeException {
  /** An output of the config could not be locked or opened (exit code 3: nothing was fetched). */
  public static final String OUTPUT = "output";
  /** The server could not listen (exit code 2: the "http" settings cannot be used). */
  public static final String LISTEN = "listen";
  private final String kind;

  ApiFailure(String kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  /** {@link #OUTPUT} or {@link #LISTEN}. */
  public String kind() {
    return kind;
  }
}
