package dev.scraper.config;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads "tls" ({@code {"caFile": "ca.pem", "insecure": false}}) and "proxy" ({@code "http://user:pass@host:port"}
 * or {@code "socks5://host:port"}) of "defaults" or a job, and merges them into a {@link TlsProxy}: each key of
 * "tls" and the proxy as a whole are the job's when it sets them, else the defaults'. A caFile is read and parsed
 * here, so a file that is missing or holds no certificate is a config problem. Messages never show a proxy
 * password.
 */
final class TlsProxyReader {
  /** "proxy": null in a job: no proxy, whatever "defaults" says. */
  static final Object NO_PROXY = new Object();
  /** "caFile": null: no extra authority, whatever "defaults" says. */
  static final Object NO_CA = new Object();
  private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";

  private TlsProxyReader() {
  }

  /** A CA file and the certificates it holds. */
  record CaFile(Path path, List<X509Certificate> certs) {
  }

  /** The keys "tls" sets: "caFile" to a {@link CaFile} or {@link #NO_CA}, "insecure" to a Boolean; null if invalid. */
  static Map<String, Object> tls(Object value, String path, Path workDir, Problems problems) {
    JsonObject json = Values.object(value, path, "{\"caFile\": \"ca.pem\"}", problems);
    if (json == null) {
      return null;
    }
    int before = problems.size();
    Map<String, Object> tls = new LinkedHashMap<>();
    for (String key : json.fieldNames()) {
      String keyPath = Values.child(path, key);
      Object v = json.getValue(key);
      switch (key) {
        case "caFile" -> {
          Object ca = v == null ? NO_CA : caFile(v, keyPath, workDir, problems);
          if (ca != null) {
            tls.put(key, ca);
          }
        }
        case "insecure" -> {
          Boolean insecure = Values.bool(v, keyPath, problems);
          if (insecure != null) {
            tls.put(key, insecure);
          }
        }
        default -> Keys.unknown(path, key, Keys.TLS, problems);
      }
    }
    return problems.size() == before ? tls : null;
  }

  /** A {@link ProxySpec}, or {@link #NO_PROXY} for null; null when invalid. */
  static Object proxy(Object value, String path, Problems problems) {
    if (value == null) {
      return NO_PROXY;
    }
    String given = Values.nonBlank(value, path, "http://127.0.0.1:3128", problems);
    if (given == null) {
      return null;
    }
    try {
      return ProxyUrl.parse(given.strip());
    } catch (IllegalArgumentException e) {
      problems.add(path, e.getMessage());
      return null;
    }
  }

  /** The transport of a job: each "tls" key and "proxy" of the job when set, else of "defaults", else built in. */
  @SuppressWarnings("unchecked")
  static TlsProxy merge(Map<String, Object> defaults, Map<String, Object> job) {
    Map<String, Object> tls = new LinkedHashMap<>((Map<String, Object>) defaults.getOrDefault("tls", Map.of()));
    tls.putAll((Map<String, Object>) job.getOrDefault("tls", Map.of()));
    Object proxy = job.containsKey("proxy") ? job.get("proxy") : defaults.get("proxy");
    Object ca = tls.get("caFile");
    CaFile caFile = ca instanceof CaFile c ? c : null;
    boolean insecure = (Boolean) tls.getOrDefault("insecure", Defaults.TLS_INSECURE);
    ProxySpec spec = proxy instanceof ProxySpec p ? p : Defaults.PROXY;
    if (caFile == null && insecure == Defaults.TLS_INSECURE && spec == null) {
      return TlsProxy.DEFAULT;
    }
    return new TlsProxy(caFile == null ? null : caFile.path(), caFile == null ? List.of() : caFile.certs(),
        insecure, spec);
  }

  private static CaFile caFile(Object value, String path, Path workDir, Problems problems) {
    String given = Values.nonBlank(value, path, "ca.pem", problems);
    if (given == null) {
      return null;
    }
    Path file;
    try {
      file = workDir.resolve(given).normalize();
    } catch (InvalidPathException e) {
      problems.add(path, "'" + given + "' is not a valid file path (" + e.getReason() + ")");
      return null;
    }
    byte[] bytes;
    try {
      bytes = Files.isDirectory(file) ? null : Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      problems.add(path, "cannot read '" + file + "': no such file");
      return null;
    } catch (AccessDeniedException e) {
      problems.add(path, "cannot read '" + file + "': permission denied");
      return null;
    } catch (IOException e) {
      problems.add(path, "cannot read '" + file + "': " + e.getMessage());
      return null;
    }
    if (bytes == null) {
      problems.add(path, "cannot read '" + file + "': it is a directory; give a PEM file of CA certificates");
      return null;
    }
    List<X509Certificate> certs = certificates(bytes, file, path, problems);
    return certs == null ? null : new CaFile(file, certs);
  }

  /** Every certificate of a PEM file; null (with a problem) when it holds none or one cannot be parsed. */
  private static List<X509Certificate> certificates(byte[] bytes, Path file, String path, Problems problems) {
    if (!new String(bytes, StandardCharsets.ISO_8859_1).contains(PEM_BEGIN)) {
      problems.add(path, "'" + file + "' holds no PEM certificate (no " + PEM_BEGIN + " line); give the CA"
          + " certificate in PEM form, e.g. openssl x509 -in ca.der -inform der -out ca.pem");
      return null;
    }
    List<X509Certificate> certs = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Certificate c : factory.generateCertificates(new ByteArrayInputStream(bytes))) {
        certs.add((X509Certificate) c);
      }
    } catch (CertificateException e) {
      problems.add(path, "'" + file + "' is not a valid PEM certificate file (" + e.getMessage() + ")");
      return null;
    }
    if (certs.isEmpty()) {
      problems.add(path, "'" + file + "' holds no readable certificate; give the CA certificate in PEM form");
      return null;
    }
    return certs;
  }
}
