package dev.scraper.history;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The last {@code keep} run summaries of each job of the process, found by job or by run id. With a dataDir each
 * job's are also in its {@link SummaryLog} ({@code <dataDir>/<job>/runs.jsonl}), read back by {@link #load} at start
 * and appended to as runs end; without one they live in memory, for the life of the process. A failure to read or
 * write the file is reported as a problem, never fatal. Event-loop owned.
 */
public final class RunHistory {
  private final Vertx vertx;
  private final Path dataDir;
  private final int keep;
  /** Summaries of a job kept in memory: {@code keep}, or 0 for a process that only writes them (no API). */
  private final int inMemory;
  private final Consumer<String> problems;
  private final Map<String, Deque<RunSummary>> byJob = new HashMap<>();
  private final Map<String, RunSummary> byId = new HashMap<>();
  private final Map<String, SummaryLog> logs = new HashMap<>();

  /**
   * @param dataDir where each job keeps its summaries, or null: in memory only
   * @param problems where a line about a file that cannot be read or written goes
   */
  public RunHistory(Vertx vertx, Path dataDir, int keep, Consumer<String> problems) {
    this(vertx, dataDir, keep, keep, problems);
  }

  private RunHistory(Vertx vertx, Path dataDir, int keep, int inMemory, Consumer<String> problems) {
    this.vertx = vertx;
    this.dataDir = dataDir;
    this.keep = keep;
    this.inMemory = inMemory;
    this.problems = problems;
  }

  /** A history that only appends each summary to its job's file under {@code dataDir} (none: nothing is kept). */
  public static RunHistory writeOnly(Vertx vertx, Path dataDir, int keep, Consumer<String> problems) {
    return new RunHistory(vertx, dataDir, keep, 0, problems);
  }

  /**
   * Reads the job's summaries kept under dataDir (if any), before those in memory that the file does not hold yet
   * (runs that ended meanwhile); never fails.
   */
  public Future<Void> load(String job) {
    SummaryLog log = log(job);
    if (log == null) {
      return Future.succeededFuture();
    }
    return log.read().map(read -> {
      Deque<RunSummary> now = byJob.computeIfAbsent(job, k -> new ArrayDeque<>());
      List<RunSummary> since = new ArrayList<>(now);
      now.forEach(s -> byId.remove(s.id()));
      now.clear();
      read.forEach(s -> put(now, s));
      java.util.Set<String> onDisk = new java.util.HashSet<>();
      read.forEach(s -> onDisk.add(s.id()));
      since.stream().filter(s -> !onDisk.contains(s.id())).forEach(s -> put(now, s));
      return (Void) null;
    }).recover(e -> {
      problems.accept("scraper: job " + job + ": cannot read its run summaries under dataDir: " + e.getMessage());
      return Future.succeededFuture();
    });
  }

  /** Keeps a summary of a run that just ended (and appends it to the job's file, with a dataDir). */
  public void add(RunSummary summary) {
    put(byJob.computeIfAbsent(summary.job(), k -> new ArrayDeque<>()), summary);
    SummaryLog log = log(summary.job());
    if (log != null) {
      log.append(summary).onFailure(e -> problems.accept("scraper: job " + summary.job()
          + ": cannot keep its run summary under dataDir: " + e.getMessage()));
    }
  }

  /** The job's last summary, or null. */
  public RunSummary last(String job) {
    Deque<RunSummary> d = byJob.get(job);
    return d == null ? null : d.peekLast();
  }

  /** Up to {@code limit} of the job's summaries, newest first. */
  public List<RunSummary> list(String job, int limit) {
    List<RunSummary> out = new ArrayList<>();
    Deque<RunSummary> d = byJob.get(job);
    if (d != null) {
      for (Iterator<RunSummary> i = d.descendingIterator(); i.hasNext() && out.size() < limit; ) {
        out.add(i.next());
      }
    }
    return out;
  }

  /** The summary of run {@code id} among those kept, or null. */
  public RunSummary find(String id) {
    return byId.get(id);
  }

  /** Completes when every summary added so far is on the disk, or failed to be (said); never fails. */
  public Future<Void> settled() {
    return Future.join(logs.values().stream().map(SummaryLog::settled).toList()).<Void>mapEmpty().otherwiseEmpty();
  }

  /**
   * Forgets the job's summaries in memory (a removed job); its file stays, and so does its log, so that a last summary
   * being written and a job added again under the name append to the file one after the other.
   */
  public void forget(String job) {
    Deque<RunSummary> d = byJob.remove(job);
    if (d != null) {
      d.forEach(s -> byId.remove(s.id()));
    }
  }

  private void put(Deque<RunSummary> d, RunSummary s) {
    d.addLast(s);
    byId.put(s.id(), s);
    while (d.size() > inMemory) {
      byId.remove(d.removeFirst().id());
    }
  }

  private SummaryLog log(String job) {
    return dataDir == null ? null : logs.computeIfAbsent(job, j -> new SummaryLog(vertx, dataDir.resolve(j), keep));
  }
}
