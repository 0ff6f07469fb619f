package dev.scraper.polite;

/** A host filed in the board's time heap or on a lane, valid while the host's version is unchanged. */
final class Filed {
  final HostBoard.Host host;
  final int version;
  final long at;

  Filed(HostBoard.Host host, long at) {
    this.host = host;
    this.version = host.version;
    this.at = at;
  }

  boolean current() {
    return host.version == version;
  }
}
