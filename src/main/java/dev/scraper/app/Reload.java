package dev.scraper.app;

import dev.scraper.config.ConfigDiff;
import dev.scraper.config.ConfigException;
import dev.scraper.config.ConfigReader;
import dev.scraper.config.ConfigSource;
import dev.scraper.config.ReloadRefused;
import dev.scraper.config.ScraperConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A reload (SIGHUP, POST /reload): the config file is read again and validated in full off the event loop, compared
 * with the running one ({@link ConfigDiff}) and handed to whoever runs the jobs to apply. A config that is invalid,
 * or that cannot be applied, changes nothing and says why; one line per reload either way. One reload at a time.
 * Event-loop owned (the engine's context).
 */
final class Reload {
  private final Vertx vertx;
  /** Where the running config came from; null when the verticle was given its config as JSON by a launcher. */
  private final ConfigOrigin origin;
  private final Consumer<String> say;
  private JsonObject running;
  private boolean underWay;

  /** @param say where the line each reload prints goes (stderr: it is a log line, and stdout may carry records) */
  Reload(Vertx vertx, ConfigOrigin origin, Consumer<String> say) {
    this.vertx = vertx;
    this.origin = origin;
    this.say = say;
    this.running = origin == null ? null : origin.json();
  }

  /**
   * Reads the config again and applies it with {@code apply}. Completes with what changed (as POST /reload answers);
   * fails with {@link ReloadRefused} when nothing changed.
   */
  Future<JsonObject> run(Function<ConfigDiff, Future<Void>> apply) {
    String name = origin == null || origin.file() == null ? "the config" : origin.file();
    if (origin == null || origin.file() == null) {
      return refused(name, new ReloadRefused(409, "the config was not given as a file (-conf conf.json) but inline "
          + "or as command-line options: there is nothing to read again; restart the process to change it"));
    }
    if (underWay) {
      return refused(name, new ReloadRefused(409, "a reload is under way; try again when it has ended"));
    }
    underWay = true;
    return vertx.executeBlocking(this::read)
        .compose(read -> {
          ConfigDiff diff = ConfigDiff.of(running, read.json(), read.config());
          return apply.apply(diff).map(v -> {
            running = read.kept(); // the keys read at start keep their start values: a later reload compares them
            say.accept("scraper: reloaded " + name + ": " + diff.describe());
            return diff.toJson();
          });
        })
        .recover(e -> refused(name, e instanceof ReloadRefused r ? r : new ReloadRefused(409, String.valueOf(
            e.getMessage()))))
        .onComplete(ar -> underWay = false);
  }

  /**
   * Blocking: the file read and validated as it is, then read again with the running values of the keys read at
   * start only (so that, say, a new outputDir does not move the jobs' outputs before a restart).
   */
  private Read read() {
    try {
      JsonObject json = ConfigSource.load(origin.file(), origin.workDir());
      ConfigReader.read(json, origin.workDir());
      JsonObject kept = json.copy();
      for (String key : ConfigDiff.AT_START) {
        if (running.containsKey(key)) {
          kept.put(key, running.getValue(key));
        } else {
          kept.remove(key);
        }
      }
      return new Read(json, kept, ConfigReader.read(kept, origin.workDir()));
    } catch (ConfigException e) {
      throw new ReloadRefused(400, "the reloaded config is invalid (" + e.problems().size()
          + (e.problems().size() == 1 ? " problem" : " problems") + ")", e.problems());
    }
  }

  private Future<JsonObject> refused(String name, ReloadRefused why) {
    say.accept("scraper: reload of " + name + " refused, the running config is kept: " + why.getMessage()
        + (why.problems().isEmpty() ? "" : ": " + String.join("; ", why.problems())));
    return Future.failedFuture(why);
  }

  private record Read(JsonObject json, JsonObject kept, ScraperConfig config) {
  }
}
