package dev.scraper.state;

/** The names of the values a job's state keeps besides its tables. */
final class Meta {
  static final String FINGERPRINT = "fingerprint";
  static final String STATE = "state";
  static final String RUNNING = "running";
  static final String FINISHED = "finished";
  static final String K0 = "k0";
  static final String K1 = "k1";
  static final String OFFSET = "outputOffset";
  static final String SOURCE_POS = "sourcePosition";
  static final String ADMITTED = "admitted";

  private Meta() {
  }
}
