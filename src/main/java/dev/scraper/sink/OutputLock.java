package dev.scraper.sink;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A run's claim on one output file: an OS file lock ({@link FileChannel#tryLock()}) on the lock file beside it,
 * {@code <output>.lock}, which holds one line naming the holder ({@code pid 12345 on host myhost since
 * 2026-11-30T15:00:00Z}). The OS drops the lock when the process ends, however it ends, so a killed run never
 * leaves a stale lock; the lock file itself stays on disk. Every method blocks: call them off the event loop.
 */
public final class OutputLock {
  /**
   * Lock files locked by this JVM (by file key), with their holder lines. POSIX locks belong to the process and
   * closing any descriptor of a file drops all of them, so this JVM must never open (and then close) a second
   * channel on a lock file it holds: the check happens here, before any channel is opened.
   */
  private static final Map<Object, String> HELD = new ConcurrentHashMap<>();
  private static volatile String host;

  private final Path output;
  private final Path file;
  private final Object key;
  private final String holder;
  private FileChannel channel;
  private FileLock lock;

  private OutputLock(Path output, Path file, Object key, String holder, FileChannel channel, FileLock lock) {
    this.output = output;
    this.file = file;
    this.key = key;
    this.holder = holder;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file of {@code output}: {@code <output>.lock}, beside it (a symbolic link is not followed). */
  public static Path fileOf(Path output) {
    Path out = output.toAbsolutePath().normalize();
    return out.resolveSibling(out.getFileName() + ".lock");
  }

  /**
   * Locks {@code output} for this run, creating the lock file if needed (not its directory) and writing this
   * process's holder line into it.
   *
   * @throws IOException naming the output and the holder when another run (in this JVM or not) holds it, or
   *     naming the output and the OS reason when the lock file cannot be created or locked
   */
  public static OutputLock acquire(Path output) throws IOException {
    Path out = output.toAbsolutePath().normalize();
    Path file = fileOf(out);
    String line = "pid " + ProcessHandle.current().pid() + " on host " + host() + " since "
        + Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Object key;
    synchronized (HELD) { // a lock file created (opened and closed) here is never one this JVM holds
      try {
        Files.createFile(file);
      } catch (FileAlreadyExistsException e) {
        // left by an earlier run: lock files are reused, never deleted
      } catch (IOException e) {
        throw new IOException("cannot lock output '" + out + "': cannot create '" + file + "': "
            + Outputs.reason(e), e);
      }
      key = key(file);
      String other = HELD.putIfAbsent(key, line);
      if (other != null) {
        throw locked(out, other);
      }
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        // held in this JVM, but not through this class; closing our channel below drops that lock at the OS
        // level (POSIX), which is why OutputLock checks HELD first
        lock = null;
      }
      if (lock == null) {
        String other = read(channel);
        channel.close();
        HELD.remove(key);
        throw locked(out, other);
      }
      // Written before cutting to length, so a reader sees the old line or the new one, never an empty file.
      // Not synced: after a crash the OS lock is gone, and the next holder rewrites the line.
      byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
      channel.write(ByteBuffer.wrap(bytes), 0);
      channel.truncate(bytes.length);
      return new OutputLock(out, file, key, line, channel, lock);
    } catch (LockedException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      HELD.remove(key);
      throw new IOException("cannot lock output '" + out + "': " + Outputs.reason(e), e);
    }
  }

  /** The output this lock is for (absolute). */
  public Path output() {
    return output;
  }

  /** The lock file. */
  public Path file() {
    return file;
  }

  /** This lock's holder line, as written into the lock file. */
  public String holder() {
    return holder;
  }

  /**
   * Unlocks and closes the lock file; a no-op the second time. The lock file stays: deleting it after the unlock
   * would race with a third run that opened it in between (it would lock a file no longer on disk while a fourth
   * creates and locks a new one), and deleting it before the unlock races the same way.
   */
  public synchronized void release() {
    if (channel == null) {
      return;
    }
    try {
      lock.release();
    } catch (IOException | RuntimeException e) {
      // closing the channel below releases it anyway
    }
    closeQuietly(channel);
    channel = null;
    lock = null;
    HELD.remove(key);
  }

  private static LockedException locked(Path out, String holder) {
    return new LockedException("output '" + out + "' is locked by another run ("
        + (holder.isEmpty() ? "holder unknown" : holder)
        + "); wait for it to end or give this job another output.path");
  }

  /** The first line of the lock file, read through the caller's channel (never a channel of its own). */
  private static String read(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(512);
    channel.read(buffer, 0);
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    int end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).strip();
  }

  /** The file's identity (device and inode), read without opening it; its real path where there is none. */
  /**
   * The file's identity and its real path together: a lock file deleted while held (its directory removed) frees its
   * inode, and a new file elsewhere that gets it must not look held. Two paths to one file (a hard link) still meet
   * at the OS lock, which this JVM reports as overlapping.
   */
  private static Object key(Path file) throws IOException {
    Object id = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    return java.util.Arrays.asList(id, file.toRealPath().toString());
  }

  private static String host() {
    String h = host;
    if (h == null) {
      h = System.getenv("HOSTNAME");
      if (h == null || h.isBlank()) {
        try {
          h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
          try {
            h = InetAddress.getLocalHost().getHostName();
          } catch (IOException | RuntimeException e2) {
            h = "unknown";
          }
        }
      }
      host = h;
    }
    return h;
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing more to release
      }
    }
  }

  /** Another run holds the output. */
  static final class LockedException extends IOException {
    LockedException(String message) {
      super(message);
    }
  }
}
