package dev.scraper.fetch;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * Words for why a certificate was refused: not trusted (self-signed, or an issuer that is no known authority),
 * expired (since when), not yet valid, or issued for other names than the host asked. Pure.
 */
final class TlsReasons {
  private static final int MAX_NAMES = 5;

  private TlsReasons() {
  }

  /** Refuses a chain whose leaf is expired or not yet valid (the JVM skips this for a leaf it trusts as is). */
  static void checkDates(X509Certificate[] chain) throws CertificateException {
    if (chain != null && chain.length > 0) {
      chain[0].checkValidity();
    }
  }

  /** The refusal for {@code e}, a failed check of {@code chain} for {@code host} (null when not known). */
  static TrustCheck.TlsRefusal refusal(CertificateException e, X509Certificate[] chain, String host) {
    return new TrustCheck.TlsRefusal(reason(e, chain, host, Instant.now()), e);
  }

  static String reason(Throwable e, X509Certificate[] chain, String host, Instant now) {
    X509Certificate leaf = chain != null && chain.length > 0 ? chain[0] : null;
    List<Throwable> causes = new ArrayList<>();
    for (Throwable c = e; c != null && causes.size() < 16 && !causes.contains(c); c = c.getCause()) {
      causes.add(c);
    }
    for (Throwable c : causes) {
      if (c instanceof CertificateExpiredException || isReason(c, CertPathValidatorException.BasicReason.EXPIRED)) {
        return expired(chain, now);
      }
      if (c instanceof CertificateNotYetValidException
          || isReason(c, CertPathValidatorException.BasicReason.NOT_YET_VALID)) {
        return notYetValid(chain, now);
      }
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.startsWith("No subject alternative") || message.startsWith("No name matching")) {
      return "certificate name mismatch: asked for " + (host == null ? "this host" : host)
          + ", but the certificate is for " + names(leaf);
    }
    for (Throwable c : causes) {
      if (c instanceof CertPathBuilderException || isReason(c, CertPathValidatorException.BasicReason.UNSPECIFIED)
          || String.valueOf(c.getMessage()).contains("unable to find valid certification path")) {
        return untrusted(chain);
      }
      if (isReason(c, CertPathValidatorException.BasicReason.REVOKED)) {
        return "certificate revoked by its authority: " + subject(leaf);
      }
    }
    return "certificate refused: " + message;
  }

  private static boolean isReason(Throwable c, CertPathValidatorException.Reason reason) {
    return c instanceof CertPathValidatorException v && v.getReason() == reason;
  }

  private static String untrusted(X509Certificate[] chain) {
    if (chain == null || chain.length == 0) {
      return "certificate not trusted: the server sent none";
    }
    X509Certificate top = chain[chain.length - 1];
    if (chain.length == 1 && top.getSubjectX500Principal().equals(top.getIssuerX500Principal())) {
      return "certificate not trusted: it is self-signed (" + subject(top) + ", for " + names(top)
          + "); trust it with tls.caFile, or skip every check with tls.insecure";
    }
    return "certificate not trusted: its issuer " + cn(top.getIssuerX500Principal())
        + " is not a known certificate authority (unknown issuer); add that authority to tls.caFile to trust it";
  }

  private static String expired(X509Certificate[] chain, Instant now) {
    for (int i = 0; chain != null && i < chain.length; i++) {
      Instant end = chain[i].getNotAfter().toInstant();
      if (end.isBefore(now)) {
        String whose = i == 0 ? "certificate" : "certificate of its issuer " + cn(chain[i].getSubjectX500Principal());
        return whose + " expired on " + end.truncatedTo(ChronoUnit.SECONDS) + " (" + ago(end, now) + ")";
      }
    }
    return "certificate expired";
  }

  private static String notYetValid(X509Certificate[] chain, Instant now) {
    for (int i = 0; chain != null && i < chain.length; i++) {
      Instant start = chain[i].getNotBefore().toInstant();
      if (start.isAfter(now)) {
        return "certificate not valid yet: valid from " + start.truncatedTo(ChronoUnit.SECONDS)
            + " (check this machine's clock)";
      }
    }
    return "certificate not valid yet";
  }

  private static String ago(Instant then, Instant now) {
    Duration d = Duration.between(then, now);
    long days = d.toDays();
    return days >= 2 ? days + " days ago" : d.toHours() >= 2 ? d.toHours() + " hours ago"
        : Math.max(1, d.toMinutes()) + " minutes ago";
  }

  /** The names a certificate is for: its DNS and IP subject alternative names, or else its CN. */
  static String names(X509Certificate cert) {
    if (cert == null) {
      return "no name";
    }
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> alt = cert.getSubjectAlternativeNames();
      for (List<?> entry : alt == null ? List.<List<?>>of() : alt) {
        int type = (Integer) entry.get(0);
        if (type == 2 || type == 7) { // dNSName, iPAddress
          names.add(String.valueOf(entry.get(1)));
        }
      }
    } catch (CertificateParsingException e) {
      // fall back to the CN
    }
    if (names.isEmpty()) {
      return cn(cert.getSubjectX500Principal()) + " (no subject alternative names)";
    }
    String shown = String.join(", ", names.subList(0, Math.min(MAX_NAMES, names.size())));
    return names.size() > MAX_NAMES ? shown + " and " + (names.size() - MAX_NAMES) + " more" : shown;
  }

  private static String subject(X509Certificate cert) {
    return cert == null ? "none" : cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
  }

  /** "CN=..." of a name, or the whole name when it has no CN. */
  private static String cn(X500Principal p) {
    String name = p.getName(X500Principal.RFC2253);
    for (String part : name.split(",")) {
      if (part.toUpperCase(Locale.ROOT).startsWith("CN=")) {
        return "\"" + part.substring(3) + "\"";
      }
    }
    return "\"" + name + "\"";
  }
}
