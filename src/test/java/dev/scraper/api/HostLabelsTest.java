package dev.scraper.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostLabelsTest {
  @ParameterizedTest
  @CsvSource({
      "http://Example.COM/a, example.com",
      "https://u:p@h.example:8443/x?y#z, h.example:8443",
      "http://127.0.0.1:8080, 127.0.0.1:8080",
      "not a url, other",
      "http:///x, other",
  })
  void theHostOfAUrl(String url, String host) {
    assertEquals(host, HostLabels.host(url));
  }

  @Test
  void theFirstNHostsKeepTheirLabelAndTheRestAreOther() {
    HostLabels labels = new HostLabels(3);
    Set<String> seen = new HashSet<>();
    for (int i = 1; i <= 10; i++) {
      seen.add(labels.of("http://h" + i + ".example/"));
    }
    assertEquals(Set.of("h1.example", "h2.example", "h3.example", "other"), seen);
    assertEquals("h2.example", labels.of("http://h2.example/again"));
  }
}
