package dev.scraper.sink;

import dev.scraper.record.Record;

/**
 * One URL's line on the terminal: status, latency, URL, and where a 3xx points or why the URL failed; coloured on
 * a terminal (green 2xx, yellow 3xx/4xx, red errors). Everything that comes from the web (URLs, reason phrases,
 * messages) is made printable first, so that a server cannot clear or repaint the user's terminal with escape
 * sequences. Pure.
 */
final class UrlLine {
  static final String RESET = "\u001b[0m";
  static final String GREEN = "\u001b[32m";
  static final String YELLOW = "\u001b[33m";
  static final String RED = "\u001b[31m";

  private UrlLine() {
  }

  /** Appends the line of {@code r}, with its newline. */
  static void append(StringBuilder b, Record r, boolean tty, boolean showJob) {
    if (showJob) {
      b.append('[').append(r.job()).append("] ");
    }
    String status = r.status() == null ? "---" : String.valueOf(r.status());
    String colour = !r.ok() ? RED : r.status() != null && r.status() >= 300 ? YELLOW : GREEN;
    colour(b, tty, colour).append(r.ok() ? "OK  " : "ERR ").append(status);
    colour(b, tty, RESET);
    String ms = Long.toString(r.latencyMs());
    b.append(' ');
    for (int pad = ms.length(); pad < 6; pad++) {
      b.append(' ');
    }
    b.append(ms).append(" ms  ").append(printable(r.url()));
    if (r.location() != null) {
      b.append("  -> ").append(printable(r.location()));
    }
    if (!r.ok()) {
      b.append("  ");
      colour(b, tty, RED).append(r.errorType()).append(": ").append(printable(r.errorMessage()));
      colour(b, tty, RESET);
    }
    b.append('\n');
  }

  private static StringBuilder colour(StringBuilder b, boolean tty, String code) {
    return tty ? b.append(code) : b;
  }

  /**
   * {@code s} with every control character (C0, DEL, C1: ESC, CR, BEL, backspace...) and every line or paragraph
   * separator written as a visible escape such as {@code \x1b} or {@code \u2028}.
   */
  static String printable(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
      if (control && out == null) {
        out = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (out != null) {
        if (control) {
          out.append(c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? s : out.toString();
  }
}
