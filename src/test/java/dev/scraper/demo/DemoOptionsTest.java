package dev.scraper.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemoOptionsTest {
  @Test
  void defaultsToLoopbackAnd8089() {
    assertEquals(new DemoOptions("127.0.0.1", 8089), DemoOptions.parse());
  }

  @ParameterizedTest
  @CsvSource({"--port 0, 127.0.0.1, 0", "--host localhost, localhost, 8089", "--host ::1 --port 9000, ::1, 9000",
      "--host 127.0.0.2, 127.0.0.2, 8089", "--host 10.1.2.3 --allow-remote, 10.1.2.3, 8089"})
  void acceptsLoopbackOrExplicitRemote(String args, String host, int port) {
    assertEquals(new DemoOptions(host, port), DemoOptions.parse(args.split(" ")));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--host 10.1.2.3 | is not a loopback address",
      "--host example.com | is not a loopback address",
      "--port 70000 | --port must be 0..65535",
      "--port | --port must be 0..65535",
      "--verbose | unknown option '--verbose'"})
  void rejectsWithAMessageNamingTheProblem(String args, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DemoOptions.parse(args.trim().split(" ")));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
