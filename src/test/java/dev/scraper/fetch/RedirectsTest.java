package dev.scraper.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scraper.url.InvalidUrlException;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "301, true", "302, true", "303, true", "307, true", "308, true",
      "300, false", "304, false", "305, false", "306, false", "200, false", "204, false", "400, false",
      "404, false", "500, false", "399, false", "0, false",
  })
  void isRedirectForTheFiveRedirectStatuses(int status, boolean expected) {
    assertEquals(expected, Redirects.isRedirect(status));
  }

  /** Resolution is {@code dev.scraper.url.WebUrl}'s, tested there (src/test/resources/urls/resolve.csv). */
  @ParameterizedTest(name = "{0} + [{1}] -> {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      http://a/b/c/d;p?q       | ../g                    | http://a/b/g
      http://a/b/c/d;p?q       | ?y                      | http://a/b/c/d;p?y
      http://h/a/b             | `  /x#frag  `           | http://h/x
      http://h/a/b             | HTTPS://Other.TEST/X    | https://other.test/X
      """)
  void resolveIsWebUrlsResolveAsAUri(String base, String location, String expected) {
    assertEquals(URI.create(expected), Redirects.resolve(base, location));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"http://exa mple.test/", "http://[::1/", "http:// h/", "//h:0/", "ftp://files.test/x"})
  void aLocationThatLeadsNowhereFetchableIsIllegalArgument(String location) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Redirects.resolve("http://h/a/b", location));
    assertEquals(InvalidUrlException.class, e.getClass());
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      FTP://files.test/x   | ftp
      ftp://files.test/x   | ftp
      HTTPS://h/           | https
      `  http://h/`        | http
      file:///etc/passwd   | file
      data:text/html,hi    | data
      javascript:alert(1)  | javascript
      svn+ssh://h/r        | svn+ssh
      /x                   |
      x/y                  |
      //h/x                |
      ?q=1                 |
      ../a:b               |
      1http://h/           |
      ``                   |
      """)
  void schemeIsTheLowerCasedSchemeOfAnAbsoluteLocation(String location, String expected) {
    assertEquals(expected, Redirects.scheme(location));
  }
}
