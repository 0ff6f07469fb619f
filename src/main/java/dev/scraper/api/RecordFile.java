package dev.scraper.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import java.nio.file.Path;

/**
 * The records of a finished run, read back from its output file: the lines whose {@code "run"} is the run's id (a
 * file that every run of a job appends to holds other runs too), streamed to the response with backpressure (the
 * file is read only as fast as the client takes the lines).
 */
final class RecordFile {
  private RecordFile() {
  }

  /** Fails with 410 when the file is gone (a per-run file pruned by keepRuns, or deleted). */
  static Future<Void> send(Vertx vertx, Path file, String runId, HttpServerResponse response) {
    return vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true).setWrite(false).setCreate(false))
        .recover(e -> Future.failedFuture(new ApiError(410, "the records of run " + runId + " are no longer in "
            + file + " (" + e.getMessage() + ")")))
        .compose(in -> stream(in, runId, response));
  }

  private static Future<Void> stream(AsyncFile in, String runId, HttpServerResponse response) {
    response.setChunked(true).putHeader("content-type", "application/x-ndjson");
    RecordParser lines = RecordParser.newDelimited("\n", in);
    String marker = "\"run\":\"" + runId + "\"";
    lines.handler(line -> {
      if (!ofRun(line, marker, runId)) {
        return;
      }
      response.write(line.copy().appendByte((byte) '\n'));
      if (response.writeQueueFull()) {
        lines.pause();
        response.drainHandler(v -> lines.resume());
      }
    });
    response.closeHandler(v -> in.close());
    lines.exceptionHandler(e -> response.reset());
    lines.endHandler(v -> {
      in.close();
      response.end();
    });
    return Future.succeededFuture();
  }

  /** Whether a line is a record of the run: a cheap look first, then the JSON itself. */
  private static boolean ofRun(Buffer line, String marker, String runId) {
    if (line.length() == 0 || !line.toString().contains(marker)) {
      return false;
    }
    try {
      return runId.equals(new JsonObject(line).getString("run"));
    } catch (RuntimeException e) {
      return false; // a line cut by a crash: not a record
    }
  }
}
