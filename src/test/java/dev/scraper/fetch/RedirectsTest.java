package dev.scraper.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectsTest {
  /** The base URI of RFC 3986 section 5.4. */
  private static final String RFC_BASE = "http://a/b/c/d;p?q";

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "301, true", "302, true", "303, true", "307, true", "308, true",
      "300, false", "304, false", "305, false", "306, false", "200, false", "204, false", "400, false",
      "404, false", "500, false", "399, false", "0, false",
  })
  void isRedirectForTheFiveRedirectStatuses(int status, boolean expected) {
    assertEquals(expected, Redirects.isRedirect(status));
  }

  @ParameterizedTest(name = "{0} + [{1}] -> {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      http://h/a/b             | c                       | http://h/a/c
      http://h/a/b             | ./c                     | http://h/a/c
      http://h/a/b             | ../x                    | http://h/x
      http://h/a/b/            | c                       | http://h/a/b/c
      http://h/a/b             | /x?y=1                  | http://h/x?y=1
      http://h/a/b             | https://other.test/y    | https://other.test/y
      http://h/a/b             | //g/x                   | http://g/x
      https://h/a/b            | //g/x                   | https://g/x
      http://h/a/b             | c#frag                  | http://h/a/c
      http://h/a/b             | https://o.test/p?q=1#f  | https://o.test/p?q=1
      http://h/a/b#old         | c                       | http://h/a/c
      http://h                 | x                       | http://h/x
      http://h                 | /x                      | http://h/x
      http://h:8080            | x/y                     | http://h:8080/x/y
      http://h/a/b             | `  /x  `                | http://h/x
      http://h/a/b             | FTP://files.test/x      | ftp://files.test/x
      http://h/a/b             | HTTPS://Other.TEST/X    | https://Other.TEST/X
      http://h/a/b             | file:///etc/passwd      | file:///etc/passwd
      http://h/a/b             | /caf%C3%A9              | http://h/caf%C3%A9
      """)
  void resolveTurnsALocationIntoAnAbsoluteUrlWithoutFragment(String base, String location, String expected) {
    assertEquals(expected, Redirects.resolve(base, location).toString());
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      g:h           | g:h
      g             | http://a/b/c/g
      ./g           | http://a/b/c/g
      g/            | http://a/b/c/g/
      /g            | http://a/g
      //g           | http://g
      g?y           | http://a/b/c/g?y
      `#s`          | http://a/b/c/d;p?q
      g#s           | http://a/b/c/g
      g?y#s         | http://a/b/c/g?y
      ;x            | http://a/b/c/;x
      g;x           | http://a/b/c/g;x
      g;x?y#s       | http://a/b/c/g;x?y
      .             | http://a/b/c/
      ./            | http://a/b/c/
      ..            | http://a/b/
      ../           | http://a/b/
      ../g          | http://a/b/g
      ../..         | http://a/
      ../../        | http://a/
      ../../g       | http://a/g
      g.            | http://a/b/c/g.
      .g            | http://a/b/c/.g
      g/./h         | http://a/b/c/g/h
      g/../h        | http://a/b/c/h
      """)
  void resolveFollowsTheRfc3986Examples(String location, String expected) {
    assertEquals(expected, Redirects.resolve(RFC_BASE, location).toString());
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      ?y            | http://a/b/c/d;p?y
      ``            | http://a/b/c/d;p?q
      ../../../g    | http://a/g
      ../../../../g | http://a/g
      /./g          | http://a/g
      /../g         | http://a/g
      """)
  void resolveFollowsTheRfc3986ExamplesThatJavaNetUriGetsWrong(String location, String expected) {
    assertEquals(expected, Redirects.resolve(RFC_BASE, location).toString());
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

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"http://exa mple.test/", "http://[::1/", "%zz", "/a b", "http:// h/", "\\\\server\\x"})
  void aLocationThatIsNotAUriReferenceIsIllegalArgument(String location) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Redirects.resolve("http://h/a/b", location));
    assertEquals(java.net.URISyntaxException.class, e.getCause().getClass());
  }
}
