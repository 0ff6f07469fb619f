package dev.scraper.testing.hostile;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A misbehaving HTTP/1.1 server on raw sockets, bound to 127.0.0.1 on a free port, for testing a fetcher against a
 * hostile web. It reads each request head itself (request line and headers up to the empty line, at most 64 KB,
 * else 400), dispatches on the path (query string stripped; the route still sees it) to one {@link HostileRoute}
 * of {@link HostileRoutes}, and records every connection as a {@link ConnectionRecord}. Unknown paths get a small
 * HTML 404. Every endless behaviour is bounded: no route writes longer than 60 s or more than 2 GiB, and the server
 * closes any connection {@link #MAX_CONNECTION_MS} after accepting it.
 *
 * <pre>{@code
 * HostileServer.start(vertx).onSuccess(server -> fetch(server.url("/slow-headers")) ...);
 * }</pre>
 */
public final class HostileServer {
  /** Longest time any route keeps writing or waiting. */
  public static final long ROUTE_MAX_MS = 60_000;
  /** Most bytes any route writes on one connection. */
  public static final long ROUTE_MAX_BYTES = 2L * 1024 * 1024 * 1024;
  /** The server closes any connection this long after accepting it, whatever the route does. */
  public static final long MAX_CONNECTION_MS = ROUTE_MAX_MS + 5_000;

  private final Vertx vertx;
  private final HostileRoutes routes = new HostileRoutes();
  private final List<HostileConnection> connections = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> requestCounts = new ConcurrentHashMap<>();
  private NetServer server;

  private HostileServer(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Starts a server on 127.0.0.1 and a free port. */
  public static Future<HostileServer> start(Vertx vertx) {
    HostileServer hostile = new HostileServer(vertx);
    return vertx.createNetServer()
        .connectHandler(socket -> {
          HostileConnection conn = new HostileConnection(hostile, socket, Vertx.currentContext());
          hostile.connections.add(conn);
          conn.start();
        })
        .listen(0, "127.0.0.1")
        .map(net -> {
          hostile.server = net;
          return hostile;
        });
  }

  /** The port the server listens on. */
  public int port() {
    return server.actualPort();
  }

  /** {@code http://127.0.0.1:PORT} followed by {@code path} (which may carry a query string). */
  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** Sets what {@code /robots.txt} answers (default: 404); returns this server. */
  public HostileServer robots(String body, int status) {
    routes.robots().set(body, status);
    return this;
  }

  /** Snapshots of the connections whose first request had dispatch path {@code path}, in accept order. */
  public List<ConnectionRecord> connections(String path) {
    List<ConnectionRecord> out = new ArrayList<>();
    for (HostileConnection conn : connections) {
      ConnectionRecord record = conn.record();
      if (record.path().equals(path)) {
        out.add(record);
      }
    }
    return out;
  }

  /** Snapshots of every accepted connection, in accept order. */
  public List<ConnectionRecord> allConnections() {
    List<ConnectionRecord> out = new ArrayList<>();
    connections.forEach(conn -> out.add(conn.record()));
    return out;
  }

  /** How many request heads with dispatch path {@code path} arrived (query strings ignored). */
  public int requests(String path) {
    AtomicInteger count = requestCounts.get(path);
    return count == null ? 0 : count.get();
  }

  /** Ends every open connection (as the server) and stops listening. */
  public Future<Void> close() {
    List<Future<Void>> ended = new ArrayList<>();
    for (HostileConnection conn : connections) {
      Promise<Void> done = Promise.promise();
      conn.context.runOnContext(v -> {
        conn.onClose(done::tryComplete);
        conn.endByServer(false);
      });
      ended.add(done.future());
    }
    Future<Void> all = Future.join(ended).mapEmpty();
    return all.transform(ar -> server == null ? Future.<Void>succeededFuture() : server.close());
  }

  Vertx vertx() {
    return vertx;
  }

  HostileRoutes routes() {
    return routes;
  }

  void counted(String path) {
    requestCounts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
  }
}
