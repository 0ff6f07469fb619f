package dev.scraper.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The shaded jar ({@code -Dscraper.jar}, set by failsafe) run as a process of its own, the way users run it:
 * {@code java <jvm flags> -jar scraper.jar <args>} in a directory, stdout and stderr kept in files. Always stopped
 * by {@link #close()}, so a failing test leaves no process behind.
 */
public final class JarProcess implements AutoCloseable {
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private JarProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** The jar under test. */
  public static Path jar() {
    String property = System.getProperty("scraper.jar");
    assertNotNull(property, "system property scraper.jar (set by failsafe) is missing");
    Path jar = Path.of(property).toAbsolutePath();
    assertTrue(Files.isRegularFile(jar), "no jar at " + jar + "; run mvn verify");
    return jar;
  }

  /** Starts the jar in {@code dir}, stdin from /dev/null. */
  public static JarProcess start(Path dir, List<String> jvmFlags, String... args) throws IOException {
    return start(dir, jvmFlags, ProcessBuilder.Redirect.from(new java.io.File("/dev/null")), null, args);
  }

  /**
   * Starts the jar in {@code dir} with stdin as given (a file, /dev/null, or {@link ProcessBuilder.Redirect#PIPE}: then
   * {@link #stdin()} writes to it) and stdout as given (null: a file, read with {@link #stdout()}; {@link
   * ProcessBuilder.Redirect#PIPE}: read it from {@link #stdoutPipe()} while the scraper runs). Stderr goes to a file.
   */
  public static JarProcess start(Path dir, List<String> jvmFlags, ProcessBuilder.Redirect stdin,
                                 ProcessBuilder.Redirect stdout, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    Path out = stdout == null ? Files.createTempFile(dir, "stdout", ".txt") : null;
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectInput(stdin)
        .redirectOutput(out == null ? stdout : ProcessBuilder.Redirect.to(out.toFile()))
        .redirectError(err.toFile());
    builder.environment().remove("NO_COLOR");
    return new JarProcess(builder.start(), out, err);
  }

  /** Waits for the exit; fails the test (after destroying the process) past {@code seconds}. */
  public int waitFor(long seconds) throws Exception {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      close();
      throw new AssertionError("the scraper did not exit within " + seconds + " s\n" + describe());
    }
    return process.exitValue();
  }

  /**
   * Sends SIGTERM, as a service manager or Ctrl-C (SIGINT) would ask it to stop: the signal alone (Process.destroy
   * would also close this side of the scraper's stdin pipe, which it would read as the end of its URLs).
   */
  public void sigterm() {
    process.toHandle().destroy();
  }

  /** SIGHUP, as {@code systemctl reload} or {@code kill -HUP} would send it: re-read the config. */
  public void sighup() throws Exception {
    Process kill = new ProcessBuilder("kill", "-HUP", String.valueOf(process.pid())).inheritIO().start();
    if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new AssertionError("kill -HUP " + process.pid() + " failed");
    }
  }

  /** SIGKILL, as a crash or the kernel's OOM killer would end it: nothing runs after; waits until it is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** What the scraper wrote to stdout so far, when it goes to a file ("" when it is a pipe). */
  public String stdout() throws IOException {
    return stdout == null ? "" : Files.readString(stdout, StandardCharsets.UTF_8);
  }

  /** The scraper's stdin, when it was started with a pipe there. */
  public java.io.OutputStream stdin() {
    return process.getOutputStream();
  }

  /** The scraper's stdout, when it was started with a pipe there. */
  public java.io.InputStream stdoutPipe() {
    return process.getInputStream();
  }

  public int pid() {
    return (int) process.pid();
  }

  public String stderr() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  /** Stdout and stderr, for assertion messages. */
  public String describe() throws IOException {
    return "--- stdout:\n" + stdout() + "\n--- stderr:\n" + stderr();
  }

  /** Polls {@code condition} every 20 ms until it holds; fails past {@code seconds} or if the process exits. */
  public void await(String what, long seconds, BooleanSupplier condition) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new AssertionError("never saw: " + what + (process.isAlive() ? "" : " (the scraper exited)") + "\n"
            + describe());
      }
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
