package dev.scraper.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rule itself is {@code dev.scraper.url.WebUrl}'s, tested there (src/test/resources/urls/invalid.csv). */
class UrlCheckTest {

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      https://example.com/a/b?q=1#frag  |
      ``                                | empty URL; give an http or https URL or remove it
      ftp://example.com/file            | 'ftp://example.com/file' is not an http or https URL
      example.com/page                  | 'example.com/page' is not a valid absolute URL (no scheme; start it with http:// or https://)
      http://under_score.example/       | 'http://under_score.example/' has no valid host ('under_score.example' is not a host name)
      """)
  void problemIsWebUrlsProblem(String url, String expected) {
    assertEquals(expected, UrlCheck.problem(url));
  }
}
