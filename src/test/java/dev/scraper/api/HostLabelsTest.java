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

  @Test
  void theBusiestHostsTakeTheLabelsOverFromHostsSeenFirstButQuiet() {
    java.util.List<String> dropped = new java.util.ArrayList<>();
    HostLabels labels = new HostLabels(2, dropped::add);
    labels.of("http://early1.example/");
    labels.of("http://early2.example/");
    for (int i = 0; i < 3 * HostLabels.RERANK; i++) {
      labels.of("http://busy" + (i % 2) + ".example/p" + i);
    }
    assertEquals(Set.of("busy0.example", "busy1.example"), labels.labelled());
    assertEquals(Set.of("early1.example", "early2.example"), Set.copyOf(dropped));
    assertEquals("other", labels.of("http://early1.example/again"));
    assertEquals("busy1.example", labels.of("http://busy1.example/again"));
  }

  @Test
  void hostsAboutAsBusyAsTheLabelledOnesDoNotMakeLabelsFlap() {
    java.util.List<String> dropped = new java.util.ArrayList<>();
    HostLabels labels = new HostLabels(2, dropped::add);
    for (int i = 0; i < 10 * HostLabels.RERANK; i++) {
      labels.of("http://h" + (i % 3) + ".example/"); // three hosts, equally busy, two labels
    }
    assertEquals(java.util.List.of(), dropped);
    assertEquals(Set.of("h0.example", "h1.example"), labels.labelled());
  }

  @Test
  void manyOneOffHostsNeitherGrowTheTableNorTakeLabelsFromSteadyHosts() {
    java.util.List<String> dropped = new java.util.ArrayList<>();
    HostLabels labels = new HostLabels(2, dropped::add);
    for (int i = 0; i < 50 * HostLabels.RERANK; i++) {
      String host = i % 2 == 0 ? "steady" + (i % 4 / 2) : "once" + i;
      labels.of("http://" + host + ".example/");
    }
    assertEquals(Set.of("steady0.example", "steady1.example"), labels.labelled());
    assertEquals(java.util.List.of("once1.example"), dropped); // labelled at first sight, while a label was free
  }
}
