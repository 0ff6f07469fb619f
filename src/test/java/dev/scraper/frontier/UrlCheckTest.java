package dev.scraper.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlCheckTest {

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      http://example.com                | 
      https://example.com/a/b?q=1#frag  | 
      HTTPS://Example.COM:8443/x        | 
      http://127.0.0.1:8080/            | 
      http://[::1]:8080/                | 
      ``                                | empty URL; give an http or https URL or remove it
      ftp://example.com/file            | 'ftp://example.com/file' is not an http or https URL
      mailto:someone@example.com        | 'mailto:someone@example.com' is not an http or https URL
      file:///etc/passwd                | 'file:///etc/passwd' is not an http or https URL
      example.com/page                  | 'example.com/page' is not a valid absolute URL (no scheme; start it with http:// or https://)
      //example.com/page                | '//example.com/page' is not a valid absolute URL (no scheme; start it with http:// or https://)
      /relative/path                    | '/relative/path' is not a valid absolute URL (no scheme; start it with http:// or https://)
      http://exa mple.com/              | 'http://exa mple.com/' is not a valid absolute URL (Illegal character in authority at index 7)
      http://                           | 'http://' is not a valid absolute URL (Expected authority at index 7)
      http://[::1/                      | 'http://[::1/' is not a valid absolute URL (Expected closing bracket for IPv6 address at index 11)
      http:///path                      | 'http:///path' has no host
      http:example.com                  | 'http:example.com' has no host
      http://under_score.example/       | 'http://under_score.example/' has no valid host ('under_score.example' is not a host name)
      http://host:abc/                  | 'http://host:abc/' has no valid host ('host:abc' is not a host name)
      https://:80/                      | 'https://:80/' has no valid host (':80' is not a host name)
      """)
  void problemIsNullForAFetchableUrlElseTheExactMessage(String url, String expected) {
    assertEquals(expected, UrlCheck.problem(url));
  }
}
