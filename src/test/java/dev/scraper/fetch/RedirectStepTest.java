package dev.scraper.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.config.FetchPolicy;
import dev.scraper.url.WebUrl;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedirectStepTest {
  private static final FetchPolicy POLICY = FetchPolicy.defaults();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "301, true", "302, true", "303, true", "307, true", "308, true",
      "300, false", "304, false", "305, false", "306, false", "200, false", "204, false", "400, false",
      "404, false", "500, false", "399, false", "0, false",
  })
  void isRedirectForTheFiveRedirectStatuses(int status, boolean expected) {
    assertEquals(expected, RedirectStep.isRedirect(status));
  }

  @ParameterizedTest(name = "{0} + [{1}] -> {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      http://a/b/c/d;p?q       | ../g                    | http://a/b/g
      http://a/b/c/d;p?q       | ?y                      | http://a/b/c/d;p?y
      http://h/a/b             | `  /x#frag  `           | http://h/x
      http://h/a/b             | HTTPS://Other.TEST/X    | https://other.test/X
      http://h:80/a            | https://h:443/b         | https://h/b
      """)
  void theNextHopIsTheLocationResolvedByTheOneNormaliser(String base, String location, String expected) {
    Set<String> visited = new HashSet<>();
    assertEquals(expected, RedirectStep.next(WebUrl.parse(base), 302, location, 0, visited, POLICY).toString());
    assertTrue(visited.contains(expected));
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      ftp://files.test/x      | redirect-scheme
      FILE:///etc/passwd      | redirect-scheme
      data:text/html,hi       | redirect-scheme
      javascript:alert(1)     | redirect-scheme
      http://exa mple.test/   | too-many-redirects
      http://[::1/            | too-many-redirects
      //h:0/                  | too-many-redirects
      http://h:99999/         | too-many-redirects
      """)
  void aLocationThatLeadsNowhereFetchableEndsTheUrl(String location, String type) {
    FetchError e = assertThrows(FetchError.class,
        () -> RedirectStep.next(WebUrl.parse("http://h/a/b"), 302, location, 0, new HashSet<>(), POLICY));
    assertEquals(type, e.type().wire(), e.getMessage());
  }

  @Test
  void aLoopAndOneHopTooManyEndTheUrl() {
    Set<String> visited = new HashSet<>(Set.of("http://h/a"));
    FetchError loop = assertThrows(FetchError.class,
        () -> RedirectStep.next(WebUrl.parse("http://h/b"), 302, "/a", 0, visited, POLICY));
    assertEquals("redirect loop back to http://h/a", loop.getMessage());
    FetchError many = assertThrows(FetchError.class, () -> RedirectStep.next(WebUrl.parse("http://h/b"), 301, "/c",
        POLICY.maxRedirects(), new HashSet<>(), POLICY));
    assertEquals("still redirected (301) after maxRedirects=5", many.getMessage());
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
    assertEquals(expected, RedirectStep.scheme(location));
  }
}
