package dev.scraper.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestTest {
  private static final List<String> KNOWN = List.of("concurrency", "perHost", "delayMs", "userAgent", "css", "all");

  @ParameterizedTest
  @CsvSource({
      "concurency, concurrency",
      "CONCURRENCY, concurrency",
      "perhost, perHost",
      "delay, delayMs",
      "useragnet, userAgent",
      "cs, css",
      "al, all",
      "colour, ''",
      "timeout, ''",
  })
  void suggestsTheClosestKnownWordWithinTwoEdits(String word, String expected) {
    assertEquals(expected.isEmpty() ? Optional.empty() : Optional.of(expected), Suggest.closest(word, KNOWN));
  }

  @ParameterizedTest
  @CsvSource({"'', '', 0", "abc, abc, 0", "kitten, sitting, 3", "'', abc, 3", "flaw, lawn, 2"})
  void levenshteinCountsSingleCharacterEdits(String a, String b, int distance) {
    assertEquals(distance, Suggest.levenshtein(a, b));
  }
}
