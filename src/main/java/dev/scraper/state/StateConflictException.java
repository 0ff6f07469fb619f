package dev.scraper.state;

import java.io.IOException;

/** Saved state that cannot serve the run asked for (another config, an output changed since): nothing was fetched. */
public final class StateConflictException extends IOException {
  StateConflictException(String message) {
    super(message);
  }
}
