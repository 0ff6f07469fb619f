package dev.scraper.config;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The memory budget of a config ("memoryBudgetBytes", by default a share of the JVM's largest heap) and the checks
 * that tie it to the heap and to each job's maxBodyBytes: one page must fit the budget, and the budget the heap.
 * Messages say how to give the JVM more heap, since that is usually the fix.
 */
final class MemoryLimits {
  /** The smallest budget accepted, in bytes. */
  static final long MIN_BUDGET = 1024 * 1024;
  private final long budget;
  private final long maxHeap;
  private final boolean given;
  private final Set<String> reported = new HashSet<>();

  private MemoryLimits(long budget, long maxHeap, boolean given) {
    this.budget = budget;
    this.maxHeap = maxHeap;
    this.given = given;
  }

  /** Reads "memoryBudgetBytes" (null when absent); an invalid value falls back to the default, with its problem. */
  static MemoryLimits read(Object value, long maxHeap, Problems problems) {
    long fallback = Defaults.memoryBudget(maxHeap);
    if (value == null) {
      return new MemoryLimits(fallback, maxHeap, false);
    }
    Long n = Values.integer(value, MIN_BUDGET, Long.MAX_VALUE, "memoryBudgetBytes", problems);
    if (n == null) {
      return new MemoryLimits(fallback, maxHeap, false);
    }
    if (n > maxHeap) {
      problems.add("memoryBudgetBytes", n + " is more than the JVM's largest heap (" + mib(maxHeap) + "); lower it, "
          + "or give the JVM more heap (" + heapHint(n) + ")");
      return new MemoryLimits(fallback, maxHeap, false);
    }
    return new MemoryLimits(n, maxHeap, true);
  }

  long budgetBytes() {
    return budget;
  }

  /** Records a problem at {@code path} when one page of {@code maxBodyBytes} cannot fit the budget (once per path). */
  void checkBody(long maxBodyBytes, String path, Problems problems) {
    if (maxBodyBytes <= budget || !reported.add(path)) {
      return;
    }
    String what = given ? "the memory budget (memoryBudgetBytes=" + budget + ")"
        : "the memory budget (" + budget + " bytes, " + Math.round(Defaults.MEMORY_BUDGET_HEAP_SHARE * 100)
        + "% of the JVM's " + mib(maxHeap) + " heap)";
    long heapNeeded = (long) Math.ceil(maxBodyBytes / Defaults.MEMORY_BUDGET_HEAP_SHARE);
    problems.add(path, maxBodyBytes + " bytes is more than " + what + ", so one page could not be held; lower "
        + "maxBodyBytes, or give the JVM more heap (" + heapHint(heapNeeded)
        + (given ? ") and raise \"memoryBudgetBytes\"" : ")"));
  }

  /** "SCRAPER_HEAP=2g scripts/scraper, or java -Xmx2g -jar" for a heap of at least {@code bytes}. */
  private static String heapHint(long bytes) {
    String size = Math.max(1, (bytes + (1L << 30) - 1) >> 30) + "g";
    return "SCRAPER_HEAP=" + size + " scripts/scraper, or java -Xmx" + size + " -jar";
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%d MiB", bytes >> 20);
  }
}
