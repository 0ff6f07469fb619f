package dev.scraper.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Certificates made for the tests by the JDK's keytool (EC P-256, in a temporary directory, once per test JVM): a
 * test authority and, signed by it, a good leaf for 127.0.0.1, an expired one and one for another name; and a
 * self-signed leaf for 127.0.0.1. Each server identity is a PKCS12 key store (password {@link #PASSWORD}) that
 * holds the leaf's key and its chain; {@link #caPem()} and {@link #selfSignedPem()} are the PEM files a job trusts.
 */
public final class TestCerts {
  public static final String PASSWORD = "changeit";
  /** The name the wrong-name certificate is for. */
  public static final String OTHER_NAME = "wrong.example";
  private static TestCerts made;
  private final Path dir;

  private TestCerts(Path dir) {
    this.dir = dir;
  }

  /** The certificates, made on first use (a few seconds of keytool). */
  public static synchronized TestCerts get() {
    if (made == null) {
      try {
        Path dir = Files.createTempDirectory("scraper-test-certs");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        made = new TestCerts(dir);
        made.make();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return made;
  }

  /** The test authority's certificate (PEM). */
  public Path caPem() {
    return dir.resolve("ca.pem");
  }

  /** The self-signed leaf's certificate (PEM), to trust it directly. */
  public Path selfSignedPem() {
    return dir.resolve("self.pem");
  }

  /** Key store of the leaf for 127.0.0.1 signed by the test authority. */
  public Path good() {
    return dir.resolve("good.p12");
  }

  /** Key store of a leaf signed by the test authority that expired 3 days ago. */
  public Path expired() {
    return dir.resolve("expired.p12");
  }

  /** Key store of a leaf signed by the test authority for {@link #OTHER_NAME} only. */
  public Path wrongName() {
    return dir.resolve("wrong.p12");
  }

  /** Key store of a self-signed leaf for 127.0.0.1. */
  public Path selfSigned() {
    return dir.resolve("self.p12");
  }

  private void make() {
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=scraper test CA",
        "-ext", "bc:c", "-validity", "30", "-keystore", "ca.p12");
    keytool("-exportcert", "-alias", "ca", "-rfc", "-file", "ca.pem", "-keystore", "ca.p12");
    List<CompletableFuture<Void>> leaves = new ArrayList<>();
    leaves.add(CompletableFuture.runAsync(() -> signed("good", "SAN=IP:127.0.0.1", "-validity", "30")));
    leaves.add(CompletableFuture.runAsync(() -> signed("expired", "SAN=IP:127.0.0.1", "-startdate", "-5d",
        "-validity", "2")));
    leaves.add(CompletableFuture.runAsync(() -> signed("wrong", "SAN=DNS:" + OTHER_NAME, "-validity", "30")));
    leaves.add(CompletableFuture.runAsync(() -> {
      keytool("-genkeypair", "-alias", "leaf", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
          "-ext", "SAN=IP:127.0.0.1", "-validity", "30", "-keystore", "self.p12");
      keytool("-exportcert", "-alias", "leaf", "-rfc", "-file", "self.pem", "-keystore", "self.p12");
    }));
    leaves.forEach(CompletableFuture::join);
  }

  /** A key store {@code name}.p12 whose leaf the test authority signed with {@code san} and these dates. */
  private void signed(String name, String san, String... dates) {
    String store = name + ".p12";
    keytool("-genkeypair", "-alias", "leaf", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
        "-keystore", store);
    keytool("-certreq", "-alias", "leaf", "-file", name + ".csr", "-keystore", store);
    List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile",
        name + ".csr", "-outfile", name + ".crt", "-rfc", "-ext", san));
    gencert.addAll(List.of(dates));
    keytool(gencert.toArray(new String[0]));
    keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", store);
    keytool("-importcert", "-noprompt", "-alias", "leaf", "-file", name + ".crt", "-keystore", store);
  }

  private void keytool(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind
    }
  }
}
