package dev.scraper.polite;

import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * The fresh tickets of one run, across hosts. A host serves the lanes waiting on it in turn, so a big run never
 * starves a small one of the same host; the lane says whether its run has room for one more start (its
 * {@code concurrency}, the memory budget). Hosts that waited only for room are parked here until
 * {@link HostBoard#roomFreed} is called.
 */
public final class Lane {
  final BooleanSupplier room;
  final String name;
  final ArrayDeque<Filed> parked = new ArrayDeque<>();
  boolean unparking;

  /**
   * @param name for messages (the run id)
   * @param room whether one more fresh ticket of this lane may start now
   */
  public Lane(String name, BooleanSupplier room) {
    this.name = name;
    this.room = room;
  }

  boolean hasRoom() {
    return room.getAsBoolean();
  }

  @Override
  public String toString() {
    return name;
  }
}
