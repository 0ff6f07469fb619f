package dev.scraper.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The jobs added through the API, kept in {@code <dataDir>/api-jobs.json} ({@code {"jobs": [...]}}, each as it was
 * posted) so that a restarted process has them again, read and checked as at {@code POST /jobs}. Each change
 * rewrites the file: to a temporary file, synced, that then replaces it, so a kill leaves the old one or the new
 * one. A job that is no longer valid at start (a config changed since) is said and stays in the file until it is
 * edited. Writes follow each other in order, off the event loop. Event-loop owned.
 */
final class ApiJobs {
  static final String FILE = "api-jobs.json";
  private final Vertx vertx;
  private final Path dataDir;
  private final Consumer<String> say;
  private final Map<String, JsonObject> jobs = new LinkedHashMap<>();
  private Future<Void> last = Future.succeededFuture();

  ApiJobs(Vertx vertx, Path dataDir, Consumer<String> say) {
    this.vertx = vertx;
    this.dataDir = dataDir;
    this.say = say;
  }

  /** The jobs kept, as posted (none when there is no file); a file that cannot be read is said, never fatal. */
  Future<List<JsonObject>> read() {
    String file = dataDir.resolve(FILE).toString();
    return vertx.fileSystem().exists(file).compose(there -> there ? vertx.fileSystem().readFile(file)
        : Future.succeededFuture((Buffer) null)).map(b -> {
          if (b != null) {
            JsonArray list = new JsonObject(b).getJsonArray("jobs", new JsonArray());
            for (int i = 0; i < list.size(); i++) {
              JsonObject job = list.getJsonObject(i);
              jobs.put(String.valueOf(job.getValue("name")), job);
            }
          }
          return List.copyOf(jobs.values());
        }).recover(e -> {
          say.accept("scraper: cannot read the jobs added through the API from " + file + ": " + e.getMessage());
          return Future.succeededFuture(List.of());
        });
  }

  /** Keeps a job just added (as posted). */
  void put(String name, JsonObject job) {
    jobs.put(name, job.copy());
    write();
  }

  /** Forgets a job removed; nothing when it was not one added through the API. */
  void remove(String name) {
    if (jobs.remove(name) != null) {
      write();
    }
  }

  /** Completes when the last change is on the disk (or failed, said); never fails. */
  Future<Void> settled() {
    return last;
  }

  private void write() {
    Buffer text = new JsonObject().put("jobs", new JsonArray(List.copyOf(jobs.values()))).toBuffer();
    String tmp = dataDir.resolve(FILE + ".tmp").toString();
    String file = dataDir.resolve(FILE).toString();
    last = last.transform(x -> vertx.fileSystem().mkdirs(dataDir.toString())
        .compose(v -> vertx.fileSystem().open(tmp, new OpenOptions().setWrite(true).setCreate(true)
            .setTruncateExisting(true).setPerms("rw-------"))) // the jobs may carry headers with credentials
        .compose(f -> f.write(text).compose(v -> f.flush()).eventually(() -> f.close()))
        .compose(v -> vertx.fileSystem().move(tmp, file, new CopyOptions().setReplaceExisting(true)
            .setAtomicMove(true))))
        .onFailure(e -> say.accept("scraper: cannot keep the jobs added through the API in " + file + ": "
            + e.getMessage()))
        .otherwiseEmpty();
  }
}
