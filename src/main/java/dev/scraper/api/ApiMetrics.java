package dev.scraper.api;

import dev.scraper.cluster.NodeLoad;
import dev.scraper.config.Defaults;
import dev.scraper.engine.Engine;
import dev.scraper.job.JobResult;
import dev.scraper.record.Record;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What /metrics shows, fed from the records and runs the API sees (every run of the process goes through it), in a
 * Micrometer registry written out in the Prometheus text format. Pages per second are {@code
 * rate(scraper_pages_total[1m])}; the latency histogram has fixed buckets and one series per host label
 * ({@link HostLabels}: the busiest {@link Defaults#METRICS_HOSTS} hosts, the rest as {@code other}; a host that stops
 * being among the busiest has its series removed and counts under {@code other} from then on). Every series has the
 * label {@code node} (this node's name: one Prometheus can scrape every node of a cluster). Requests in flight are
 * this node's, as in its {@link NodeLoad} ({@link Engine#load}). Event-loop owned.
 */
final class ApiMetrics {
  /** Bucket bounds of the request latency histogram. */
  private static final Duration[] LATENCY = durations(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000,
      30_000);
  /** Bucket bounds of the run duration histogram. */
  private static final Duration[] RUN = durations(1_000, 10_000, 60_000, 300_000, 1_800_000, 3_600_000);
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HostLabels hosts = new HostLabels(Defaults.METRICS_HOSTS, this::drop);
  private final Counter pages;
  private final Counter bytes;
  /** Host label to its request counter and latency timer, so that a record costs two map look-ups. */
  private final Map<String, Meters> byHost = new HashMap<>();
  /** The JVM's own meters (heap, GC, threads, CPU, open files, uptime): what a soak or an alert watches. */
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Engine engine;
  private final String node;

  /** @param node this node's name, the {@code node} label of every series */
  ApiMetrics(Engine engine, Supplier<Integer> activeRuns, String node) {
    this.engine = engine;
    this.node = node;
    registry.config().commonTags("node", node); // before the first meter: it applies to those registered after
    pages = Counter.builder("scraper.pages").description("URLs done (one record each); rate() gives pages/s")
        .register(registry);
    bytes = Counter.builder("scraper.received").baseUnit("bytes").description("Body bytes received")
        .register(registry);
    Gauge.builder("scraper.requests.in.flight", engine.load(), NodeLoad::inFlight)
        .description("Requests in flight on this node")
        .strongReference(true).register(registry);
    Gauge.builder("scraper.queue.depth", engine, Engine::waiting).description("URLs waiting in their hosts' lines")
        .strongReference(true).register(registry);
    Gauge.builder("scraper.runs.active", activeRuns, s -> s.get()).description("Runs under way")
        .strongReference(true).register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** One URL is done. */
  void record(Record r) {
    pages.increment();
    bytes.increment(r.bytes());
    if (r.attempts() > 0) {
      Meters m = byHost.computeIfAbsent(hosts.of(r.url()), this::meters);
      m.requests.increment();
      m.latency.record(Math.max(0, r.latencyMs()), TimeUnit.MILLISECONDS);
    }
    if (!r.ok()) {
      Counter.builder("scraper.errors").description("URLs that ended in an error, by type")
          .tag("type", r.errorType()).register(registry).increment();
    }
  }

  /** A host lost its label: its series go (what it counted stays in Prometheus; its new URLs count as other). */
  private void drop(String host) {
    Meters m = byHost.remove(host);
    if (m != null) {
      registry.remove(m.requests);
      registry.remove(m.latency);
    }
  }

  private Meters meters(String host) {
    return new Meters(Counter.builder("scraper.requests").description("URLs fetched, by host").tag("host", host)
        .register(registry), Timer.builder("scraper.request.latency")
        .description("Request start to last body byte, by host").tag("host", host).serviceLevelObjectives(LATENCY)
        .register(registry));
  }

  /** A run ended; {@code skipped} slots of its schedule came while it went on. */
  void runEnded(JobResult result, int skipped) {
    Timer.builder("scraper.run.duration").description("How long runs took, by job").tag("job", result.job())
        .serviceLevelObjectives(RUN).register(registry)
        .record(Duration.ofMillis(Math.round(result.stats().elapsedSeconds() * 1000)));
    skipped(result.job(), skipped);
  }

  /** Slots of a job's schedule that started no run, because a run of that job still went on. */
  void skipped(String job, int slots) {
    Counter c = Counter.builder("scraper.schedule.skipped").description("Schedule slots skipped: a run still went on")
        .tag("job", job).register(registry);
    c.increment(slots);
  }

  /** This node's name, the {@code node} label. */
  String node() {
    return node;
  }

  /** Stops listening to the JVM's garbage collections. */
  void close() {
    gc.close();
  }

  /** The Prometheus text exposition (format 0.0.4). */
  String scrape() {
    return registry.scrape();
  }

  private record Meters(Counter requests, Timer latency) {
  }

  private static Duration[] durations(long... ms) {
    Duration[] out = new Duration[ms.length];
    for (int i = 0; i < ms.length; i++) {
      out[i] = Duration.ofMillis(ms[i]);
    }
    return out;
  }
}
