package dev.scraper.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LatencyHistogramTest {

  private static LatencyHistogram oneToHundred() {
    LatencyHistogram h = new LatencyHistogram();
    for (int ms = 100; ms >= 1; ms--) {
      h.record(ms);
    }
    return h;
  }

  @ParameterizedTest(name = "p{0} of 1..100 ms = {1}")
  @CsvSource({
      "0.50, 50",
      "0.95, 95",
      "0.99, 99",
      "1.00, 100",
      "0.01, 1",
      "0.00, 1",
      "0.505, 51",
  })
  void percentilesOfOneToHundredMs(double p, long expected) {
    assertEquals(expected, oneToHundred().percentile(p));
  }

  @Test
  void countMaxAndSumOfOneToHundredMs() {
    LatencyHistogram h = oneToHundred();
    assertEquals(100, h.count());
    assertEquals(100, h.max());
    assertEquals(5050, h.sum());
  }

  @Test
  void anEmptyHistogramIsAllZero() {
    LatencyHistogram h = new LatencyHistogram();
    assertEquals(0, h.count());
    assertEquals(0, h.max());
    assertEquals(0, h.sum());
    assertEquals(0, h.percentile(0.5));
    assertEquals(0, h.percentile(0.99));
  }

  @ParameterizedTest(name = "{0} ms is reported as {1} ms")
  @CsvSource({
      "0, 0",
      "9999, 9999",
      "10000, 10000",
      "10099, 10000",
      "10100, 10100",
      "12345, 12300",
      "599999, 599900",
  })
  void beyondTenSecondsValuesFallInHundredMsBuckets(long sample, long reported) {
    LatencyHistogram h = new LatencyHistogram();
    h.record(sample);
    h.record(sample);
    h.record(sample + 10_000_000); // keeps max above the sample, so the bucket value shows
    assertEquals(reported, h.percentile(0.5));
  }

  @Test
  void aLoneCoarseSampleReportsItsBucketFloorWhileMaxStaysExact() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(12_345);
    assertEquals(12_300, h.percentile(0.5), "bucket floor");
    h = new LatencyHistogram();
    h.record(10_050);
    assertEquals(10_000, h.percentile(1.0));
    assertEquals(10_050, h.max());
  }

  @Test
  void valuesPastTenMinutesShareTheOverflowBucket() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(700_000);
    h.record(3_600_000);
    assertEquals(3_600_000, h.max());
    assertEquals(h.percentile(0.5), h.percentile(0.99), "one bucket");
    assertEquals(4_300_000, h.sum());
  }

  @Test
  void negativeLatenciesCountAsZero() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(-5);
    assertEquals(1, h.count());
    assertEquals(0, h.percentile(0.5));
    assertEquals(0, h.max());
    assertEquals(0, h.sum());
  }

  @Test
  void mixedFineAndCoarseSamples() {
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < 90; i++) {
      h.record(20);
    }
    for (int i = 0; i < 10; i++) {
      h.record(15_432);
    }
    assertEquals(20, h.percentile(0.50));
    assertEquals(20, h.percentile(0.90));
    assertEquals(15_400, h.percentile(0.95));
    assertEquals(15_432, h.max());
  }
}
