package dev.scraper.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.testing.TestCerts;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** "tls" and "proxy": read, merged key by key (the job wins), a caFile parsed, a proxy password never shown. */
class TlsProxyConfigTest {
  @TempDir
  Path workDir;

  @Test
  void tlsKeysMergeOneByOneAndTheProxyAsAWholeTheJobWinning() throws IOException {
    Files.copy(TestCerts.get().caPem(), workDir.resolve("ca.pem"));
    JsonObject json = new JsonObject("""
        {"defaults": {"tls": {"caFile": "ca.pem"}, "proxy": "http://bob:s3cret@127.0.0.1:3128"},
         "jobs": [
           {"name": "a", "urls": ["https://127.0.0.1/"], "output": {"path": "a"}, "tls": {"insecure": true}},
           {"name": "b", "urls": ["https://127.0.0.1/"], "output": {"path": "b"}, "proxy": null,
            "tls": {"caFile": null}},
           {"name": "c", "urls": ["https://127.0.0.1/"], "output": {"path": "c"},
            "proxy": "SOCKS5://al%40ice:p%3Ass@[::1]:1080/"}
         ]}
        """);
    ScraperConfig config = ConfigReader.read(json, workDir, 512L << 20);

    TlsProxy a = config.jobs().get(0).fetch().tlsProxy();
    assertEquals(workDir.toAbsolutePath().resolve("ca.pem"), a.caFile());
    assertEquals(1, a.caCerts().size());
    assertTrue(a.insecure());
    assertEquals(new ProxySpec("http", "127.0.0.1", 3128, "bob", "s3cret"), a.proxy());

    assertSame(TlsProxy.DEFAULT, config.jobs().get(1).fetch().tlsProxy(), "null drops the defaults' settings");

    TlsProxy c = config.jobs().get(2).fetch().tlsProxy();
    assertFalse(c.insecure());
    assertEquals(new ProxySpec("socks5", "::1", 1080, "al@ice", "p:ss"), c.proxy());
    assertEquals("socks5://al@ice:***@[::1]:1080", c.proxy().toString());
  }

  @Test
  void withoutTlsOrProxyTheDefaultsApply() {
    JsonObject json = new JsonObject("""
        {"jobs": [{"name": "a", "urls": ["https://127.0.0.1/"], "output": {"path": "a"}}]}
        """);
    assertSame(TlsProxy.DEFAULT, ConfigReader.read(json, workDir, 512L << 20).jobs().get(0).fetch().tlsProxy());
    assertNull(TlsProxy.DEFAULT.proxy());
    assertEquals(List.of(), TlsProxy.DEFAULT.caCerts());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      http://127.0.0.1:3128                 | http://127.0.0.1:3128
      http://127.0.0.1:3128/                | http://127.0.0.1:3128
      HTTP://Proxy.Example:8080             | http://proxy.example:8080
      socks5://bob@127.0.0.1:1080           | socks5://bob:***@127.0.0.1:1080
      http://bob:pa%2Fss@127.0.0.1:3128     | http://bob:***@127.0.0.1:3128
      http://bob:a@b@127.0.0.1:3128         | http://bob:***@127.0.0.1:3128
      """)
  void aProxyUrlIsShownWithItsPasswordMasked(String given, String shown) {
    assertEquals(shown, ProxyUrl.parse(given).shown());
  }

  @Test
  void aPasswordIsNeverInAProblem() {
    JsonObject json = new JsonObject("""
        {"jobs": [{"name": "a", "urls": ["http://127.0.0.1/"], "output": {"path": "a"},
                   "proxy": "http://bob:hunter2@127.0.0.1:0"}]}
        """);
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.read(json, workDir, 512L << 20));
    assertEquals(List.of("jobs[0].proxy: 'http://bob:***@127.0.0.1:0' has the port '0'; give a port from 1 to"
        + " 65535"), e.problems());
    assertFalse(e.getMessage().contains("hunter2"));
  }
}
