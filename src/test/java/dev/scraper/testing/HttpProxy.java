package dev.scraper.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small HTTP proxy on 127.0.0.1 for the tests: plain http requests in absolute form are forwarded, {@code CONNECT
 * host:port} opens a tunnel. With credentials it answers 407 unless {@code Proxy-Authorization} carries them
 * (Basic). It keeps what it was asked, in order: {@code GET http://...} and {@code CONNECT host:port}, and the
 * {@code Proxy-Authorization} headers it saw.
 */
public final class HttpProxy {
  /** Every request line seen: "GET http://127.0.0.1:1234/a" or "CONNECT 127.0.0.1:1234". */
  public final List<String> seen = new CopyOnWriteArrayList<>();
  /** Requests refused with 407. */
  public final List<String> refused = new CopyOnWriteArrayList<>();
  private final String expectedAuth;
  private final HttpClient client;
  private final NetClient tunnels;
  private int port;

  private HttpProxy(Vertx vertx, String username, String password) {
    this.expectedAuth = username == null ? null : "Basic " + Base64.getEncoder()
        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.client = vertx.createHttpClient();
    this.tunnels = vertx.createNetClient();
  }

  /** Starts a proxy; {@code username} null: no credentials asked. */
  public static Future<HttpProxy> start(Vertx vertx, String username, String password) {
    HttpProxy proxy = new HttpProxy(vertx, username, password);
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(proxy::handle);
    return server.listen().map(s -> {
      proxy.port = s.actualPort();
      return proxy;
    });
  }

  public int port() {
    return port;
  }

  private void handle(HttpServerRequest req) {
    String line = req.method() + " " + req.uri();
    seen.add(line);
    if (expectedAuth != null && !expectedAuth.equals(req.getHeader("Proxy-Authorization"))) {
      refused.add(line);
      req.response().setStatusCode(407).putHeader("Proxy-Authenticate", "Basic realm=\"test\"").end();
      return;
    }
    if (req.method() == HttpMethod.CONNECT) {
      tunnel(req);
    } else {
      forward(req);
    }
  }

  private void tunnel(HttpServerRequest req) {
    String[] hostPort = req.uri().split(":");
    req.pause();
    tunnels.connect(Integer.parseInt(hostPort[1]), hostPort[0]).onComplete(ar -> {
      if (ar.failed()) {
        req.response().setStatusCode(502).end();
        return;
      }
      NetSocket target = ar.result();
      req.toNetSocket().onSuccess(socket -> {
        socket.pipeTo(target);
        target.pipeTo(socket);
      }).onFailure(e -> target.close());
    });
  }

  private void forward(HttpServerRequest req) {
    req.body().compose(body -> {
      RequestOptions options = new RequestOptions().setMethod(req.method()).setAbsoluteURI(req.uri());
      return client.request(options).compose(out -> {
        req.headers().forEach((name, value) -> {
          if (!name.toLowerCase().startsWith("proxy-")) {
            out.putHeader(name, value);
          }
        });
        return out.send(body);
      }).compose(resp -> resp.body().map(b -> new Object[] {resp, b}));
    }).onComplete(ar -> {
      if (ar.failed()) {
        req.response().setStatusCode(502).end();
        return;
      }
      HttpClientResponse resp = (HttpClientResponse) ar.result()[0];
      req.response().setStatusCode(resp.statusCode());
      resp.headers().forEach((name, value) -> req.response().putHeader(name, value));
      req.response().end((Buffer) ar.result()[1]);
    });
  }
}
