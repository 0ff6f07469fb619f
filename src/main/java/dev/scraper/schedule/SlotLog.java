package dev.scraper.schedule;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The slot a scheduled job last fired, kept in {@code <dataDir>/<job>/last-slot} so that after a restart a slot
 * missed while the process was down runs once ({@link Trigger#start(Instant)}). Written off the event loop (Vert.x's
 * file system), to a temporary file that then replaces the old one, so a killed process leaves one or the other,
 * never half a file; writes of one job follow each other in order. Event-loop owned.
 */
public final class SlotLog {
  static final String FILE = "last-slot";
  private final Vertx vertx;
  private final Path dir;
  private Future<Void> last = Future.succeededFuture();

  /** @param dir the job's directory under dataDir (made when first written) */
  public SlotLog(Vertx vertx, Path dir) {
    this.vertx = vertx;
    this.dir = dir;
  }

  /** The slot kept, or null when there is none or it cannot be read (then nothing is caught up). Never fails. */
  public Future<Instant> read() {
    String file = dir.resolve(FILE).toString();
    return vertx.fileSystem().exists(file).compose(there -> there ? vertx.fileSystem().readFile(file)
        .map(b -> parse(b.toString())) : Future.succeededFuture((Instant) null)).otherwise((Instant) null);
  }

  /** Keeps {@code slot} as the last fired; completes once it is on disk. */
  public Future<Void> write(Instant slot) {
    String tmp = dir.resolve(FILE + ".tmp").toString();
    String file = dir.resolve(FILE).toString();
    last = last.transform(x -> vertx.fileSystem().mkdirs(dir.toString())
        .compose(v -> vertx.fileSystem().writeFile(tmp, Buffer.buffer(slot.toString() + "\n")))
        .compose(v -> vertx.fileSystem().move(tmp, file, new CopyOptions().setReplaceExisting(true)
            .setAtomicMove(true))));
    return last;
  }

  private static Instant parse(String text) {
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
