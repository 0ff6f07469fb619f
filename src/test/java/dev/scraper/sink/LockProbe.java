package dev.scraper.sink;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A second process for the lock tests: {@code LockProbe <output> [hold]} tries {@link OutputLock#acquire}; it
 * prints the failure message and exits 3, or prints {@code held <holder line>} and, with {@code hold}, keeps the
 * lock until its stdin closes (or it is killed), then exits 0.
 */
public final class LockProbe {
  private LockProbe() {
  }

  public static void main(String[] args) throws IOException {
    OutputLock lock;
    try {
      lock = OutputLock.acquire(Path.of(args[0]));
    } catch (IOException e) {
      System.out.println(e.getMessage());
      System.out.flush();
      System.exit(3);
      return;
    }
    System.out.println("held " + lock.holder());
    System.out.flush();
    if (args.length > 1 && args[1].equals("hold")) {
      while (System.in.read() >= 0) {
        // until the test closes stdin or kills this process
      }
    }
    lock.release();
    System.exit(0);
  }

  /** Starts a probe on {@code output}, its stdout readable by the caller. */
  static Process start(Path output, boolean hold) throws IOException {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classPath, LockProbe.class.getName(), output.toString());
    if (hold) {
      builder.command().add("hold");
    }
    return builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }
}
