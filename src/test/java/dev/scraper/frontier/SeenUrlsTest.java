package dev.scraper.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeenUrlsTest {

  @Test
  void addIsTrueTheFirstTimeAndFalseAfter() {
    SeenUrls seen = new SeenUrls();
    assertTrue(seen.add("http://example.com/a"));
    assertFalse(seen.add("http://example.com/a"));
    assertFalse(seen.add("http://example.com/a"));
    assertTrue(seen.add("http://example.com/b"));
    assertEquals(2, seen.size());
  }

  @Test
  void anEmptySetHasSizeZero() {
    assertEquals(0, new SeenUrls().size());
  }

  /** Sameness is {@code dev.scraper.url.WebUrl}'s normal form, tested there; a few rows check the key uses it. */
  @ParameterizedTest(name = "{0} == {1}")
  @CsvSource(delimiter = '|', textBlock = """
      HTTP://Example.COM:80/a#top         | http://example.com/a
      http://example.com                  | http://example.com/
      http://example.com/%41              | http://example.com/A
      """)
  void theseAreTheSameUrl(String first, String second) {
    SeenUrls seen = new SeenUrls();
    assertTrue(seen.add(first));
    assertFalse(seen.add(second), second + " was taken as new after " + first);
    assertEquals(1, seen.size());
  }

  @ParameterizedTest(name = "{0} != {1}")
  @CsvSource(delimiter = '|', textBlock = """
      http://example.com/a                | http://example.com/A
      http://example.com:443/a            | http://example.com/a
      """)
  void theseAreDifferentUrls(String first, String second) {
    SeenUrls seen = new SeenUrls();
    assertTrue(seen.add(first));
    assertTrue(seen.add(second), second + " was taken as a duplicate of " + first);
    assertEquals(2, seen.size());
  }

  @Test
  void stringsThatAreNotUrlsAreComparedAsGiven() {
    SeenUrls seen = new SeenUrls();
    assertTrue(seen.add("not a url"));
    assertFalse(seen.add("not a url"));
    assertTrue(seen.add("NOT A URL"));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // about 1 s of CPU; generous for a loaded machine
  void aMillionDistinctUrlsAreAllAcceptedOnce() {
    SeenUrls seen = new SeenUrls();
    int n = 1_000_000;
    for (int i = 0; i < n; i++) {
      String url = "https://host" + (i % 997) + ".example/p/" + i + "?page=" + (i % 13);
      if (!seen.add(url)) {
        throw new AssertionError("false duplicate at " + i + ": " + url);
      }
    }
    assertEquals(n, seen.size());
    assertFalse(seen.add("https://host0.example/p/0?page=0"));
    assertFalse(seen.add("HTTPS://HOST" + (999_999 % 997) + ".example:443/p/999999?page=" + (999_999 % 13) + "#x"));
    assertEquals(n, seen.size());
  }

  @Test
  void aUrlSeenBeforeTheTableGrewIsStillSeenWhileItsSlotsAreMoved() {
    SeenUrls seen = new SeenUrls();
    for (int i = 0; i < 20_000; i++) {
      assertTrue(seen.add("http://h/" + i), "new: " + i);
      // re-adding earlier URLs, some of them still only in the table being moved
      assertFalse(seen.add("http://h/" + (i / 2)), "seen: " + (i / 2));
      assertFalse(seen.add("http://h/" + i));
    }
    for (int i = 0; i < 20_000; i++) {
      assertFalse(seen.add("http://h/" + i), "seen after every move: " + i);
    }
    assertEquals(20_000, seen.size());
  }
}
