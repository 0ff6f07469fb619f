package dev.scraper.config;

import java.util.Locale;

/**
 * A proxy that a job's requests go through: {@code http} (plain http in absolute form, https through CONNECT) or
 * {@code socks5}, with optional credentials. The password is never shown: {@link #toString()} and {@link #shown()}
 * write {@code user:***@}.
 *
 * @param scheme "http" or "socks5"
 * @param host the proxy's host name or IP address (IPv6 without brackets)
 * @param port 1-65535
 * @param username the user name, or null
 * @param password the password, or null (empty when a user name was given without one)
 */
public record ProxySpec(String scheme, String host, int port, String username, String password) {
  public ProxySpec {
    scheme = scheme.toLowerCase(Locale.ROOT);
  }

  /** The proxy as a URL with the password masked: {@code http://user:***@127.0.0.1:3128}. */
  public String shown() {
    String user = username == null ? "" : username + ":***@";
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return scheme + "://" + user + h + ":" + port;
  }

  /** Replaces the password wherever it appears in {@code text} (an error message, say) with {@code ***}. */
  public String redact(String text) {
    if (text == null || password == null || password.isEmpty()) {
      return text;
    }
    return text.replace(password, "***");
  }

  @Override
  public String toString() {
    return shown();
  }
}
