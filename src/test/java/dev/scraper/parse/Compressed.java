package dev.scraper.parse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Bodies as a server would send them with a Content-Encoding: gzip, zlib-wrapped deflate, raw deflate. */
final class Compressed {
  /** gzip header flags (RFC 1952, 2.3.1). */
  static final int FHCRC = 2;
  static final int FEXTRA = 4;
  static final int FNAME = 8;
  static final int FCOMMENT = 16;

  private Compressed() {
  }

  /** {@code data} through the JDK's GZIPOutputStream: one member, no optional header fields. */
  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] gzip(String text) {
    return gzip(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * One gzip member built by hand with the optional header fields: FEXTRA (one subfield), FNAME and FCOMMENT
   * (zero-terminated), FHCRC (the low 16 bits of the CRC-32 of the header before it), then the raw deflate data
   * and the CRC-32 + ISIZE trailer.
   *
   * @param extra the FEXTRA subfield's data, or null for no FEXTRA
   * @param name the FNAME, or null
   * @param comment the FCOMMENT, or null
   */
  static byte[] gzipMember(byte[] data, int level, byte[] extra, String name, String comment, boolean headerCrc) {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    int flags = (extra != null ? FEXTRA : 0) | (name != null ? FNAME : 0) | (comment != null ? FCOMMENT : 0)
        | (headerCrc ? FHCRC : 0);
    header.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 0x12, 0x34, 0x56, 0x78, 0, 3});
    if (extra != null) {
      int subfield = 4 + extra.length;
      le16(header, subfield);
      header.writeBytes(new byte[] {'S', 'c'});
      le16(header, extra.length);
      header.writeBytes(extra);
    }
    if (name != null) {
      header.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
      header.write(0);
    }
    if (comment != null) {
      header.writeBytes(comment.getBytes(StandardCharsets.ISO_8859_1));
      header.write(0);
    }
    if (headerCrc) {
      CRC32 crc = new CRC32();
      crc.update(header.toByteArray());
      le16(header, (int) crc.getValue());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header.toByteArray());
    out.writeBytes(deflate(data, new Deflater(level, true)));
    CRC32 crc = new CRC32();
    crc.update(data);
    le32(out, crc.getValue());
    le32(out, data.length);
    return out.toByteArray();
  }

  /** deflate with the zlib wrapper (RFC 1950), as {@code new Deflater()} writes it. */
  static byte[] zlib(byte[] data) {
    return deflate(data, new Deflater());
  }

  /** Raw deflate (RFC 1951) without a wrapper, as some servers send for "deflate". */
  static byte[] rawDeflate(byte[] data) {
    return deflate(data, new Deflater(Deflater.DEFAULT_COMPRESSION, true));
  }

  /**
   * A gzip of {@code size} zero bytes, streamed through GZIPOutputStream one chunk at a time so that the zeros are
   * never in memory at once: about a thousandth of {@code size}.
   */
  static byte[] zeros(long size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, size / 900 + 1024));
    byte[] chunk = new byte[1 << 20];
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
      for (long left = size; left > 0; left -= chunk.length) {
        gz.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** {@code n} bytes that do not compress to nothing: a repeating text with a counter in it. */
  static byte[] text(int n) {
    StringBuilder s = new StringBuilder(n + 32);
    for (int i = 0; s.length() < n; i++) {
      s.append("line ").append(i).append(": the quick brown fox\n");
    }
    return s.substring(0, n).getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] deflate(byte[] data, Deflater deflater) {
    try {
      deflater.setInput(data);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      while (!deflater.finished()) {
        out.write(buf, 0, deflater.deflate(buf));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  private static void le16(OutputStream out, int v) {
    try {
      out.write(v & 0xff);
      out.write((v >>> 8) & 0xff);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void le32(OutputStream out, long v) {
    le16(out, (int) (v & 0xffff));
    le16(out, (int) ((v >>> 16) & 0xffff));
  }
}
