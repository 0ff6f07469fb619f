package dev.scraper.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every config we ship in conf/ is valid as shipped; a relative "urlsFile" there is relative to the project. */
class ShippedConfigsTest {
  private static final Path PROJECT = Path.of("").toAbsolutePath();

  @Test
  void everyShippedConfigValidates() throws IOException {
    Path conf = PROJECT.resolve("conf");
    assertTrue(Files.isDirectory(conf), "no conf/ directory in " + PROJECT);
    List<Path> files;
    try (Stream<Path> list = Files.list(conf)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no conf/*.json in " + PROJECT);
    for (Path file : files) {
      try {
        ScraperConfig config = ConfigReader.read(ConfigSource.load(file.toString(), PROJECT), PROJECT);
        assertFalse(config.jobs().isEmpty(), file + " has no job");
      } catch (ConfigException e) {
        throw new AssertionError(PROJECT.relativize(file) + " is invalid:\n" + e.getMessage(), e);
      }
    }
  }
}
