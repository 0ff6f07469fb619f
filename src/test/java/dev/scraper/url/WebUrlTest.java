package dev.scraper.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scraper.url.InvalidUrlException.Reason;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.aggregator.ArgumentsAccessor;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

class WebUrlTest {

  @ParameterizedTest(name = "[{0}] -> {1} / {2}")
  @CsvFileSource(resources = "/urls/normalise.csv", delimiter = '|')
  void parseNormalises(String given, String normalised, String hostKey) {
    WebUrl url = WebUrl.parse(given);
    assertEquals(normalised, url.toString());
    assertEquals(hostKey, url.hostKey());
    assertNull(WebUrl.problem(given));
    // a normal form is a fixed point, and one every java.net.URI takes as is (HTTP clients parse it with that)
    assertEquals(normalised, WebUrl.parse(normalised).toString());
    assertEquals(normalised, URI.create(normalised).toString());
    assertEquals(url, WebUrl.parse(normalised));
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvFileSource(resources = "/urls/invalid.csv", delimiter = '|')
  void parseRefusesWithAReasonAndAMessageForPeople(String given, Reason reason, String message) {
    InvalidUrlException e = assertThrows(InvalidUrlException.class, () -> WebUrl.parse(given));
    assertEquals(reason, e.reason());
    assertEquals(message, e.getMessage());
    assertEquals(message, WebUrl.problem(given));
  }

  @ParameterizedTest(name = "{0} + [{1}] -> {2}")
  @CsvFileSource(resources = "/urls/resolve.csv", delimiter = '|')
  void resolveFollowsRfc3986AndNormalises(ArgumentsAccessor row) {
    WebUrl base = WebUrl.parse(row.getString(0));
    String reference = row.getString(1);
    String expected = row.getString(2);
    if (row.size() == 3) {
      WebUrl resolved = base.resolve(reference);
      assertEquals(expected, resolved.toString());
      assertEquals(resolved, WebUrl.parse(expected), "the result is in normal form");
    } else {
      InvalidUrlException e = assertThrows(InvalidUrlException.class, () -> base.resolve(reference));
      assertEquals(Reason.valueOf(expected), e.reason());
      assertEquals(row.getString(3), e.getMessage());
    }
  }

  @ParameterizedTest(name = "{0} == {1}")
  @CsvSource(delimiter = '|', textBlock = """
      HTTP://Example.COM/a                | http://example.com/a
      http://example.com:80/a             | http://example.com/a
      https://example.com:443/a           | https://example.com/a
      HTTPS://EXAMPLE.com:443/a?x=1       | https://example.com/a?x=1
      http://example.com                  | http://example.com/
      http://example.com:80               | http://example.com/
      http://example.com:                 | http://example.com/
      http://example.com/a#top            | http://example.com/a
      http://example.com/a#top            | http://example.com/a#bottom
      http://example.com/a?q=1#frag       | http://example.com/a?q=1
      http://example.com/a?               | http://example.com/a
      http://example.com/%41              | http://example.com/A
      http://example.com/%7Euser          | http://example.com/~user
      http://example.com/a%2f             | http://example.com/a%2F
      http://example.com/a b              | http://example.com/a%20b
      http://example.com/café             | http://example.com/caf%C3%A9
      http://example.com/b/../a           | http://example.com/a
      http://bücher.example/              | http://xn--bcher-kva.example/
      http://[::1]:8080/                  | http://[0:0:0:0:0:0:0:1]:8080/
      """)
  void differentSpellingsOfOneUrlAreEqual(String first, String second) {
    WebUrl a = WebUrl.parse(first);
    WebUrl b = WebUrl.parse(second);
    assertEquals(a.toString(), b.toString());
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
  }

  @ParameterizedTest(name = "{0} != {1}")
  @CsvSource(delimiter = '|', textBlock = """
      http://example.com/a                | http://example.com/A
      http://example.com/a?q=1            | http://example.com/a?q=2
      http://example.com/a?q=1            | http://example.com/a
      http://example.com/a?x=1&y=2        | http://example.com/a?y=2&x=1
      http://example.com/a                | https://example.com/a
      http://example.com/a                | http://example.com:8080/a
      http://example.com:443/a            | http://example.com/a
      https://example.com:80/a            | https://example.com/a
      http://example.com/a                | http://example.com/a/
      http://example.com/a                | http://www.example.com/a
      http://example.com/a/b              | http://example.com/a%2Fb
      http://example.com/a?b=c%26d        | http://example.com/a?b=c&d
      http://user@example.com/a           | http://example.com/a
      """)
  void differentUrlsStayDifferent(String first, String second) {
    assertNotEquals(WebUrl.parse(first), WebUrl.parse(second));
  }

  @Test
  void theParts() {
    WebUrl url = WebUrl.parse("HTTPS://User:P%41ss@Bücher.Example:8443/a/../b?q=1#f");
    assertEquals("https", url.scheme());
    assertEquals("User:PAss", url.userInfo());
    assertEquals("xn--bcher-kva.example", url.host());
    assertEquals(8443, url.port());
    assertEquals("/b?q=1", url.pathAndQuery());
    assertEquals("https://xn--bcher-kva.example:8443", url.hostKey());
    assertEquals("https://User:PAss@xn--bcher-kva.example:8443/b?q=1", url.toString());

    WebUrl plain = WebUrl.parse("http://[::1]");
    assertNull(plain.userInfo());
    assertEquals("[::1]", plain.host());
    assertEquals(80, plain.port());
    assertEquals("/", plain.pathAndQuery());
  }

  @Test
  void controlCharactersInsideAreEncodedAndAroundAreIgnored() {
    assertEquals("http://h/a%09b%0A%7F?c%0Dd", WebUrl.parse("\t http://h/a\tb\n\u007f?c\rd \r\n").toString());
  }

  @Test
  void halfASurrogatePairIsTheReplacementCharacter() {
    assertEquals("http://h/%EF%BF%BDx", WebUrl.parse("http://h/\uD83Dx").toString());
  }

  @Test
  void resolvingToTheSameDocumentGivesTheBaseItself() {
    WebUrl base = WebUrl.parse("http://h/a?q");
    assertSame(base, base.resolve("#top"));
    assertSame(base, base.resolve(""));
  }

  @Test
  void anInvalidUrlExceptionIsAnIllegalArgumentWithoutStackTrace() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WebUrl.parse("ftp://x/"));
    assertEquals(0, e.getStackTrace().length);
  }
}
