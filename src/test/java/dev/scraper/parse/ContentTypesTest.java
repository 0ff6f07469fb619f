package dev.scraper.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentTypesTest {
  private static final byte[] UTF16LE_BOM_PAGE = utf16leWithBom("<html><body>hi</body></html>");

  /** Bodies by name, so the tables stay readable. */
  private static final Map<String, byte[]> BODIES = Map.of(
      "html", "<!doctype html><html><body><p>hi</p></body></html>".getBytes(StandardCharsets.UTF_8),
      "png", bytes(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'),
      "gif", bytes('G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0),
      "jpeg", bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'),
      "pdf", "%PDF-1.7\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1),
      "gzip", bytes(0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3),
      "utf16le-bom", UTF16LE_BOM_PAGE,
      "stray-nul", "<html>\0<body>hi</body></html>".getBytes(StandardCharsets.US_ASCII),
      "empty", new byte[0]);

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static byte[] utf16leWithBom(String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
    byte[] out = new byte[body.length + 2];
    out[0] = (byte) 0xFF;
    out[1] = (byte) 0xFE;
    System.arraycopy(body, 0, out, 2, body.length);
    return out;
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "NULL", textBlock = """
      text/html; charset=ISO-8859-1    | ISO-8859-1
      text/html;charset=utf-8          | utf-8
      text/html; charset="UTF-8"       | UTF-8
      text/html; charset='windows-1252' | windows-1252
      text/html; CHARSET=Shift_JIS     | Shift_JIS
      TEXT/HTML; Charset=GB2312        | GB2312
      text/html; charset=  UTF-8       | UTF-8
      text/html; boundary=x; charset=UTF-16LE | UTF-16LE
      text/html; charset=x-no-such-charset | NULL
      text/html; charset=@@bad@@       | NULL
      text/html; charset=              | NULL
      text/html; charset=""            | NULL
      text/html                        | NULL
      ``                               | NULL
      NULL                             | NULL
      """)
  void charsetIsTheHeadersCharsetWhenThisJvmKnowsIt(String contentType, String expected) {
    assertEquals(expected, ContentTypes.charset(contentType));
  }

  @ParameterizedTest(name = "[{0}] + {1} body -> {2}")
  @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      text/html                        | html        | true
      text/html; charset=utf-8         | html        | true
      TEXT/HTML; charset=utf-8         | html        | true
      application/xhtml+xml            | html        | true
      application/xml                  | html        | true
      text/xml                         | html        | true
      NULL                             | html        | true
      image/png                        | png         | false
      image/png                        | html        | false
      application/json                 | html        | false
      application/octet-stream         | html        | false
      text/html                        | png         | false
      text/html                        | gif         | false
      text/html                        | jpeg        | false
      NULL                             | jpeg        | false
      text/html                        | pdf         | false
      text/html                        | gzip        | false
      NULL                             | png         | false
      text/html                        | stray-nul   | false
      text/html                        | utf16le-bom | true
      NULL                             | utf16le-bom | true
      text/html                        | empty       | true
      NULL                             | empty       | true
      """)
  void isHtmlByMediaTypeAndFirstBytes(String contentType, String body, boolean expected) {
    assertEquals(expected, ContentTypes.isHtml(contentType, Buffer.buffer(BODIES.get(body))));
  }

  @Test
  void aMissingBodyCountsAsEmpty() {
    assertTrue(ContentTypes.isHtml("text/html", (Buffer) null));
  }

  @ParameterizedTest(name = "UTF-16 without a BOM ({0}) is text")
  @CsvSource({"UTF-16LE", "UTF-16BE"})
  void utf16WithoutBomIsText(String charset) {
    byte[] body = "<html><body>hello</body></html>".getBytes(java.nio.charset.Charset.forName(charset));
    assertTrue(ContentTypes.isHtml("text/html", Buffer.buffer(body)));
  }

  @ParameterizedTest(name = "[{0}] + {1} body: {2}")
  @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      text/html        | png  | body is binary (text/html), not parsed
      NULL             | gif  | body is binary (no Content-Type), not parsed
      application/json | html | Content-Type application/json is not HTML, not parsed
      """)
  void notHtmlReasonSaysWhy(String contentType, String body, String expected) {
    Buffer b = Buffer.buffer(BODIES.get(body));
    assertFalse(ContentTypes.isHtml(contentType, b));
    assertEquals(expected, ContentTypes.notHtmlReason(contentType, b));
  }
}
