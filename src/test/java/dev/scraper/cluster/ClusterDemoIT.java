package dev.scraper.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/cluster-demo.sh} as users run it: three jar nodes on 127.0.0.1, a worker and then the run's owner
 * killed with SIGKILL mid-run, a survivor takes the run over, and every URL has exactly one record across the
 * outputs (the script checks, and exits 0 only then).
 */
class ClusterDemoIT {
  private static final long TIMEOUT_S = 300;

  @TempDir
  Path dir;

  @Test
  void aWorkerAndThenTheOwnerKilledMidRunLeaveExactlyOneRecordPerUrl() throws Exception {
    String said = demo(false);
    assertTrue(said.contains("node b took the run over"), said);
  }

  @Test
  void withASharedDataDirTheRunGoesOnFromItWithExactlyOneRecordPerUrl() throws Exception {
    String said = demo(true);
    assertTrue(said.contains("took the run over from the shared dataDir) wrote 300 records"), said);
  }

  private String demo(boolean dataDir) throws Exception {
    Path out = dir.resolve("out.txt");
    ProcessBuilder builder = new ProcessBuilder("bash", "scripts/cluster-demo.sh")
        .redirectErrorStream(true).redirectOutput(out.toFile());
    builder.environment().put("DEMO_DIR", dir.resolve("demo").toString());
    builder.environment().put("HOSTS", "12");
    builder.environment().put("PAGES", "25");
    builder.environment().put("DELAY_MS", "250");
    builder.environment().put("DEADLINE_S", "200");
    builder.environment().put("DATADIR", dataDir ? "1" : "0");
    Process p = builder.start();
    if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      fail("cluster-demo.sh did not end within " + TIMEOUT_S + " s:\n" + Files.readString(out));
    }
    String said = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), said);
    assertTrue(said.contains("check ok: 300 URLs, 300 records, one run id"), said);
    return said;
  }
}
