package dev.scraper.testing.hostile;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * {@code /charset/NAME}: small pages whose {@code <title>} and {@code <h1>} hold a known non-ASCII text, each
 * encoded and labelled in a way a fetcher must decode right. The {@code EXPECTED_*} constants hold what the title
 * and heading read as once decoded the way a browser would (HTML spec order: BOM, then the Content-Type charset,
 * then a {@code <meta>} charset in the first bytes, then a default; Jsoup follows the same order).
 */
public final class CharsetRoute implements HostileRoute {
  /** The path prefix. */
  public static final String PREFIX = "/charset/";

  /** {@code latin1-meta-only}: ISO-8859-1 bytes, {@code <meta charset="iso-8859-1">}, no header charset. */
  public static final String EXPECTED_LATIN1 = "Café déjà vu, señor Müller";

  /**
   * {@code wrong-header}: the text written, as windows-1252 bytes under {@code <meta charset="windows-1252">}, while
   * the header says {@code charset=utf-8}.
   */
  public static final String WRONG_HEADER_WRITTEN = "Prix : 5 € – crème brûlée";
  /**
   * {@code wrong-header}: what a browser shows: the header charset wins over the meta (no BOM), and every
   * windows-1252 byte above 0x7F is an invalid UTF-8 sequence of its own, hence one U+FFFD each.
   */
  public static final String EXPECTED_WRONG_HEADER = "Prix : 5 \uFFFD \uFFFD cr\uFFFDme br\uFFFDl\uFFFDe";

  /** {@code missing}: UTF-8 bytes, no charset anywhere: the UTF-8 default (Jsoup's; browsers may guess). */
  public static final String EXPECTED_MISSING = "Grüße aus Köln – naïve café ✓";
  /** {@code utf8-bom}: UTF-8 with a BOM, header {@code text/html} without charset. */
  public static final String EXPECTED_UTF8_BOM = "Ünïcödé mit BOM: ½ € ✓";
  /** {@code bom-beats-header}: UTF-8 with a BOM, while the header says {@code charset=iso-8859-1}: the BOM wins. */
  public static final String EXPECTED_BOM_BEATS_HEADER = "BOM gewinnt: Zürich ✓";
  /** {@code utf16le-bom}: UTF-16LE with a BOM, header without charset. */
  public static final String EXPECTED_UTF16LE = "Ελληνικά γράμματα";
  /** {@code utf16be-bom}: UTF-16BE with a BOM, header without charset. */
  public static final String EXPECTED_UTF16BE = "Русский текст";
  /**
   * {@code utf32le-bom}: UTF-32LE with its BOM ({@code FF FE 00 00}), header without charset. Uncertain by design:
   * browsers do not support UTF-32 (the WHATWG encoding standard reads {@code FF FE} as a UTF-16LE BOM and shows
   * garbage). Jsoup recognises the UTF-32 BOMs: Jsoup 1.24.1 decodes this text exactly (checked by
   * {@code HostileServerTest.charsetPagesDecodeAsExpected}), so a Jsoup-based scraper should expect it.
   */
  public static final String EXPECTED_UTF32LE = "UTF-32: 😀 ✓";
  /** {@code gb2312}: GB2312 bytes, header {@code charset=gb2312}. */
  public static final String EXPECTED_GB2312 = "中文网页";
  /** {@code shift_jis}: Shift_JIS bytes, {@code <meta charset="shift_jis">} only. */
  public static final String EXPECTED_SHIFT_JIS = "日本語のページ";

  /** Page name to the text its title and heading read once decoded right. */
  public static final Map<String, String> EXPECTED = Map.ofEntries(
      Map.entry("latin1-meta-only", EXPECTED_LATIN1),
      Map.entry("wrong-header", EXPECTED_WRONG_HEADER),
      Map.entry("missing", EXPECTED_MISSING),
      Map.entry("utf8-bom", EXPECTED_UTF8_BOM),
      Map.entry("bom-beats-header", EXPECTED_BOM_BEATS_HEADER),
      Map.entry("utf16le-bom", EXPECTED_UTF16LE),
      Map.entry("utf16be-bom", EXPECTED_UTF16BE),
      Map.entry("utf32le-bom", EXPECTED_UTF32LE),
      Map.entry("gb2312", EXPECTED_GB2312),
      Map.entry("shift_jis", EXPECTED_SHIFT_JIS));

  private static final byte[] BOM_UTF8 = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  @Override
  public void handle(Exchange ex) {
    String name = ex.request().path().substring(PREFIX.length());
    Buffer body = body(name);
    if (body == null) {
      NotFoundRoute.INSTANCE.handle(ex);
      return;
    }
    ex.respond(200, "OK", contentType(name), body);
  }

  /** The Content-Type header of page {@code name}. */
  static String contentType(String name) {
    switch (name) {
      case "wrong-header":
        return "text/html; charset=utf-8";
      case "bom-beats-header":
        return "text/html; charset=iso-8859-1";
      case "gb2312":
        return "text/html; charset=gb2312";
      default:
        return "text/html";
    }
  }

  /** The bytes of page {@code name}, or null when there is no such page. */
  static Buffer body(String name) {
    switch (name) {
      case "latin1-meta-only":
        return encode(page(EXPECTED_LATIN1, "<meta charset=\"iso-8859-1\">"), "ISO-8859-1", null);
      case "wrong-header":
        return encode(page(WRONG_HEADER_WRITTEN, "<meta charset=\"windows-1252\">"), "windows-1252", null);
      case "missing":
        return encode(page(EXPECTED_MISSING, ""), "UTF-8", null);
      case "utf8-bom":
        return encode(page(EXPECTED_UTF8_BOM, ""), "UTF-8", BOM_UTF8);
      case "bom-beats-header":
        return encode(page(EXPECTED_BOM_BEATS_HEADER, ""), "UTF-8", BOM_UTF8);
      case "utf16le-bom":
        return encode(page(EXPECTED_UTF16LE, ""), "UTF-16LE", new byte[] {(byte) 0xFF, (byte) 0xFE});
      case "utf16be-bom":
        return encode(page(EXPECTED_UTF16BE, ""), "UTF-16BE", new byte[] {(byte) 0xFE, (byte) 0xFF});
      case "utf32le-bom":
        return encode(page(EXPECTED_UTF32LE, ""), "UTF-32LE", new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0});
      case "gb2312":
        return encode(page(EXPECTED_GB2312, ""), "GB2312", null);
      case "shift_jis":
        return encode(page(EXPECTED_SHIFT_JIS, "<meta charset=\"shift_jis\">"), "Shift_JIS", null);
      default:
        return null;
    }
  }

  private static String page(String text, String meta) {
    return "<!doctype html>\n<html><head>" + meta + "<title>" + text + "</title></head>\n<body><h1>" + text
        + "</h1></body></html>\n";
  }

  private static Buffer encode(String html, String charset, byte[] bom) {
    Buffer out = Buffer.buffer();
    if (bom != null) {
      out.appendBytes(bom);
    }
    return out.appendBytes(html.getBytes(Charset.forName(charset)));
  }
}
