package dev.scraper.memory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One budget of bytes for everything the engine buffers: each body as it arrives and each page while it is
 * parsed (counted as an estimated multiple of its body). When the budget is full, new fetches wait
 * ({@link #hasRoom}) and bodies being received pause (TCP back-pressure holds the sender), except the eldest, which
 * may always grow, so the engine never deadlocks on its own budget: it holds at most the budget plus one body. The
 * config checks that one {@code maxBodyBytes} fits the budget. Owned by one event loop.
 */
public final class MemoryBudget {
  private final long limit;
  private final LinkedHashSet<Charge> bodies = new LinkedHashSet<>();
  private final List<Runnable> waiting = new ArrayList<>();
  private final List<Runnable> onFreed = new ArrayList<>();
  private long used;
  private long peak;

  /** @param limit bytes; at least 1 */
  public MemoryBudget(long limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("the memory budget must be at least 1 byte, got " + limit);
    }
    this.limit = limit;
  }

  /** Whether a new fetch may start: the budget is not full. */
  public boolean hasRoom() {
    return used < limit;
  }

  public long limit() {
    return limit;
  }

  public long used() {
    return used;
  }

  /** The most bytes held at once so far. */
  public long peak() {
    return peak;
  }

  /** A charge for one body about to be received (it starts at 0 bytes). */
  public Charge body() {
    Charge c = new Charge();
    bodies.add(c);
    return c;
  }

  /** Called after bytes were given back (on the event loop): the engine starts what waited for room. */
  public void onFreed(Runnable listener) {
    onFreed.add(listener);
  }

  private void change(long delta) {
    used += delta;
    peak = Math.max(peak, used);
    if (delta < 0) {
      freed();
    }
  }

  private void freed() {
    if (!waiting.isEmpty()) {
      List<Runnable> wake = new ArrayList<>(waiting);
      waiting.clear();
      wake.forEach(Runnable::run); // each body looks again; those still over the budget pause again
    }
    onFreed.forEach(Runnable::run);
  }

  /** Bytes held for one page, from its first body byte until its parse ends; released exactly once. */
  public final class Charge {
    private long size;
    private boolean released;

    private Charge() {
    }

    /** Counts {@code n} more bytes of the body. */
    public void grow(long n) {
      if (!released) {
        size += n;
        change(n);
      }
    }

    /** Whether the body may take more bytes now: the budget is not over, or this is the eldest body. */
    public boolean mayGrow() {
      return released || used <= limit || (!bodies.isEmpty() && bodies.iterator().next() == this);
    }

    /** Runs {@code wake} once when {@link #mayGrow} may have become true. */
    public void whenRoom(Runnable wake) {
      waiting.add(wake);
    }

    /** The body is complete; it stops being a body that may need to grow. */
    public void complete() {
      if (bodies.remove(this) && !waiting.isEmpty()) {
        freed(); // the eldest changed: the next body may go on
      }
    }

    /**
     * Whether this charge may become {@code bytes} (a parse estimate) now: it fits under the budget, or
     * {@code alone} (nothing else is being parsed: a page always gets parsed, at worst alone).
     */
    public boolean fits(long bytes, boolean alone) {
      return alone || used - size + bytes <= limit;
    }

    /** Sets the charge to {@code bytes} (a body becomes a parse, counted as a multiple of its size). */
    public void resize(long bytes) {
      if (!released) {
        long delta = bytes - size;
        size = bytes;
        change(delta);
      }
    }

    public long size() {
      return size;
    }

    /** Gives every byte back. */
    public void release() {
      if (!released) {
        released = true;
        bodies.remove(this);
        long freed = size;
        size = 0;
        used -= freed;
        freed();
      }
    }
  }
}
