package dev.scraper.testing.hostile;

/** {@code /close-no-answer}: the request head is read, then the connection is closed without a byte written. */
public final class CloseNoAnswerRoute implements HostileRoute {
  @Override
  public void handle(Exchange ex) {
    ex.end();
  }
}
