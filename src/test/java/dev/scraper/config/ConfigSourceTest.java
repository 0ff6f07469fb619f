package dev.scraper.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigSourceTest {
  @TempDir
  Path workDir;

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   "})
  void missingConfIsOneProblemThatSaysHowToRun(String arg) {
    assertProblem("-conf: missing; run with -conf conf.json (a file path or inline JSON), or give URLs: scraper "
        + "https://example.com/ (see --help)", arg);
  }

  @Test
  void fileIsResolvedAgainstTheWorkingDirectory() throws IOException {
    Files.createDirectories(workDir.resolve("conf"));
    Files.writeString(workDir.resolve("conf/x.json"), "{\"jobs\": []}");

    assertEquals(new JsonObject().put("jobs", List.of()), ConfigSource.load("conf/x.json", workDir));
    assertEquals(new JsonObject().put("jobs", List.of()),
        ConfigSource.load(workDir.resolve("conf/x.json").toString(), Path.of("/nonexistent")));
  }

  @Test
  void fileMayHaveCommentsAndAByteOrderMark() throws IOException {
    Files.writeString(workDir.resolve("c.json"), "\uFEFF{\n  // the demo\n  \"quiet\": true /* short */\n}\n");

    assertEquals(new JsonObject().put("quiet", true), ConfigSource.load("c.json", workDir));
  }

  @Test
  void missingFile() {
    assertProblem("-conf: cannot read 'x.json': no such file", "x.json");
  }

  @Test
  void directory() throws IOException {
    Files.createDirectories(workDir.resolve("conf"));
    assertProblem("-conf: cannot read 'conf': it is a directory; give the path of a JSON file", "conf");
  }

  @Test
  void emptyFile() throws IOException {
    Files.writeString(workDir.resolve("empty.json"), " \n");
    assertProblem("-conf: 'empty.json' is empty; it must hold a JSON object such as {\"jobs\": [...]}", "empty.json");
  }

  @Test
  void fileThatIsNotUtf8() throws IOException {
    Files.write(workDir.resolve("latin1.json"), new byte[] {'{', '"', (byte) 0xe9, '"', ':', '1', '}'});
    assertProblem("-conf: 'latin1.json' is not UTF-8 text; save it as UTF-8", "latin1.json");
  }

  @Test
  void invalidJsonFileNamesTheFileAndThePlace() throws IOException {
    Files.writeString(workDir.resolve("bad.json"), "{\"a\": 1,}");

    String problem = problem("bad.json");

    assertTrue(problem.startsWith("-conf: 'bad.json' is not valid JSON: Unexpected character ('}'"), problem);
    assertTrue(problem.endsWith(" at line 1, column 9"), problem);
    assertTrue(!problem.contains("\n") && !problem.contains("Source:"), problem);
  }

  @Test
  void jsonFileThatIsNotAnObject() throws IOException {
    Files.writeString(workDir.resolve("arr.json"), "[{\"name\": \"books\"}]");
    assertProblem("-conf: 'arr.json' must be a JSON object such as {\"jobs\": [...]}, got an array", "arr.json");
    Files.writeString(workDir.resolve("num.json"), "42");
    assertProblem("-conf: 'num.json' must be a JSON object such as {\"jobs\": [...]}, got 42", "num.json");
  }

  @Test
  void inlineJsonIsParsed() {
    assertEquals(new JsonObject().put("quiet", true), ConfigSource.load("  {\"quiet\": true}\n", workDir));
  }

  @Test
  void invalidInlineJson() {
    String problem = problem("{\"quiet\": tru}");

    assertTrue(problem.startsWith("-conf: inline JSON is not valid: Unrecognized token 'tru'"), problem);
    assertTrue(problem.endsWith(" at line 1, column 14"), problem);
  }

  @Test
  void inlineJsonThatIsNotAnObject() {
    assertProblem("-conf: inline JSON must be a JSON object such as {\"jobs\": [...]}, got an array", "[1, 2]");
  }

  private void assertProblem(String expected, String arg) {
    assertEquals(expected, problem(arg));
  }

  private String problem(String arg) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigSource.load(arg, workDir));
    assertEquals(1, e.problems().size(), e.getMessage());
    return e.problems().get(0);
  }
}
