package dev.scraper.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutputLockTest {
  private static final String HOLDER = "pid \\d+ on host \\S+ since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

  @TempDir
  Path dir;

  private static String lockedMessage(Path output, String holder) {
    return "output '" + output + "' is locked by another run (" + holder
        + "); wait for it to end or give this job another output.path";
  }

  /** A probe process's first line and, once it ended, its exit code (or -1 while it runs). */
  private record Probe(String line, int exit) {
  }

  private static Probe probe(Process process, boolean waitForExit) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (!waitForExit) {
      return new Probe(line, -1);
    }
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the probe did not end");
    return new Probe(line, process.exitValue());
  }

  @Test
  void theHolderLineIsWrittenIntoALockFileBesideTheOutput() throws IOException {
    Path output = dir.resolve("books.jsonl");
    OutputLock lock = OutputLock.acquire(output);
    try {
      assertEquals(dir.resolve("books.jsonl.lock"), lock.file());
      assertEquals(output, lock.output());
      assertTrue(lock.holder().matches(HOLDER), lock.holder());
      assertTrue(lock.holder().startsWith("pid " + ProcessHandle.current().pid() + " on host "), lock.holder());
      assertEquals(lock.holder() + "\n", Files.readString(lock.file(), StandardCharsets.UTF_8));
    } finally {
      lock.release();
    }
  }

  @Test
  void aLockHeldByAnotherProcessFailsNamingItsPidAndEndsWithThatProcess() throws Exception {
    Path output = dir.resolve("books.jsonl");
    Process holder = LockProbe.start(output, true);
    try {
      Probe held = probe(holder, false);
      assertEquals("held pid " + holder.pid(), held.line().substring(0, held.line().indexOf(" on host ")),
          held.line());
      IOException e = assertThrows(IOException.class, () -> OutputLock.acquire(output));
      assertEquals(lockedMessage(output, held.line().substring("held ".length())), e.getMessage());
      holder.destroyForcibly(); // SIGKILL: no chance to unlock or clean up
      assertTrue(holder.waitFor(30, TimeUnit.SECONDS), "the holder did not die");
    } finally {
      holder.destroyForcibly();
    }
    OutputLock.acquire(output).release(); // no stale lock
    assertTrue(Files.exists(dir.resolve("books.jsonl.lock")));
  }

  @Test
  void aSecondLockInThisJvmFailsNamingTheHolderAndKeepsTheFirstLockHeld() throws Exception {
    Path output = dir.resolve("books.jsonl");
    OutputLock first = OutputLock.acquire(output);
    try {
      IOException e = assertThrows(IOException.class, () -> OutputLock.acquire(output));
      assertEquals(lockedMessage(output, first.holder()), e.getMessage());
      // The failed attempt must not have dropped the OS lock (POSIX drops it when any descriptor is closed):
      // another process is still refused.
      Probe other = probe(LockProbe.start(output, false), true);
      assertEquals(3, other.exit(), other.line());
      assertEquals(lockedMessage(output, first.holder()), other.line());
    } finally {
      first.release();
    }
  }

  @Test
  void aFileLockTakenOutsideThisClassAlsoMeansLocked() throws IOException {
    Path output = dir.resolve("books.jsonl");
    String holder = "pid 4242 on host elsewhere since 2026-11-30T15:00:00Z";
    try (FileChannel channel = FileChannel.open(OutputLock.fileOf(output), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
      assertNotNull(lock);
      channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)));
      IOException e = assertThrows(IOException.class, () -> OutputLock.acquire(output)); // overlapping, same JVM
      assertEquals(lockedMessage(output, holder), e.getMessage());
    }
  }

  @Test
  void releaseLetsTheNextRunInKeepsTheLockFileAndMayBeRepeated() throws IOException {
    Path output = dir.resolve("books.jsonl");
    OutputLock first = OutputLock.acquire(output);
    first.release();
    first.release();
    assertTrue(Files.exists(first.file()), "the lock file is never deleted");
    OutputLock second = OutputLock.acquire(output);
    try {
      assertEquals(second.holder() + "\n", Files.readString(second.file(), StandardCharsets.UTF_8),
          "a shorter or longer line replaces the old one whole");
    } finally {
      second.release();
    }
  }

  @Test
  void aLockFileThatCannotBeCreatedFailsNamingTheOutputAndTheReason() {
    Path output = dir.resolve("missing/books.jsonl");
    IOException e = assertThrows(IOException.class, () -> OutputLock.acquire(output));
    assertEquals("cannot lock output '" + output + "': cannot create '" + output + ".lock': no such file or directory",
        e.getMessage());
  }
}
