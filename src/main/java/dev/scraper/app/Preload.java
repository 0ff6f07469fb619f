package dev.scraper.app;

/**
 * Loads and initialises the classes the first request needs (HTTP client, codec, sockets, engine, formatting),
 * on the config thread
 * while the launcher starts Vert.x on the main thread: on two cores that takes class loading off the path to the
 * first request. Only classes whose static initialisers have no side effects are listed; a missing one is skipped.
 */
final class Preload {
  private static final String[] CLASSES = {
      "io.vertx.ext.web.client.WebClientOptions", // its default User-Agent reads Vert.x's version from the jar
      "io.vertx.ext.web.client.impl.WebClientBase",
      "io.vertx.ext.web.client.impl.HttpRequestImpl",
      "io.vertx.ext.web.client.impl.HttpContext",
      "io.vertx.ext.web.client.impl.HttpResponseImpl",
      "io.vertx.core.http.impl.HttpClientImpl",
      "io.vertx.core.http.impl.HttpClientRequestImpl",
      "io.vertx.core.http.impl.Http1xClientConnection",
      "io.netty.handler.codec.http.HttpClientCodec",
      "io.netty.handler.codec.http.HttpObjectDecoder",
      "io.netty.handler.codec.http.HttpObjectEncoder",
      "io.netty.handler.codec.http.DefaultHttpHeaders",
      "io.netty.bootstrap.Bootstrap",
      "io.netty.channel.DefaultChannelPipeline",
      "io.netty.channel.socket.nio.NioSocketChannel",
      "io.netty.channel.ChannelOutboundBuffer",
      "io.netty.resolver.dns.DnsNameResolver",
      "io.vertx.core.net.impl.NetClientImpl",
      "io.vertx.core.net.impl.ConnectionBase",
      "dev.scraper.engine.Engine",
      "dev.scraper.engine.Run",
      "dev.scraper.engine.UrlTask",
      "dev.scraper.polite.HostBoard",
      "dev.scraper.url.WebUrl",
      "dev.scraper.fetch.Fetcher",
      "dev.scraper.fetch.Exchange",
      "dev.scraper.fetch.RequestTap",
      "dev.scraper.robots.RobotsRules",
      "dev.scraper.sink.JsonLinesSink",
      "dev.scraper.sink.Outputs",
      "dev.scraper.sink.TerminalReporter",
      "crawlercommons.robots.SimpleRobotRulesParser",
  };

  private Preload() {
  }

  static void classes() {
    dev.scraper.job.RunIds.next(); // warms the date and number formatting the first run id needs
    ClassLoader loader = Preload.class.getClassLoader();
    for (String name : CLASSES) {
      try {
        Class.forName(name, true, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        // only a head start: the class loads again, as usual, where it is used
      }
    }
  }
}
