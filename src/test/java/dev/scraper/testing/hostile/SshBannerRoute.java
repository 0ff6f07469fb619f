package dev.scraper.testing.hostile;

/**
 * {@code /ssh-banner}: an SSH server's greeting instead of HTTP, then silence; the server closes the connection
 * after 60 s.
 */
public final class SshBannerRoute implements HostileRoute {
  /** The banner, CRLF included. */
  public static final String BANNER = "SSH-2.0-OpenSSH_9.6\r\n";

  @Override
  public void handle(Exchange ex) {
    ex.write(BANNER);
    ex.after(HostileServer.ROUTE_MAX_MS, ex::end);
  }
}
