package dev.scraper.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small SOCKS5 proxy on 127.0.0.1 for the tests (RFC 1928, CONNECT only), with user name and password
 * authentication (RFC 1929) when given credentials, and no authentication otherwise. It keeps the targets it
 * connected to ("127.0.0.1:1234") and the user names it refused.
 */
public final class Socks5Proxy {
  /** Every target of a CONNECT, in order. */
  public final List<String> connects = new CopyOnWriteArrayList<>();
  /** Logins refused (user names). */
  public final List<String> refused = new CopyOnWriteArrayList<>();
  private final String username;
  private final String password;
  private final NetClient targets;
  private int port;

  private Socks5Proxy(Vertx vertx, String username, String password) {
    this.username = username;
    this.password = password;
    this.targets = vertx.createNetClient();
  }

  /** Starts a proxy; {@code username} null: no authentication. */
  public static Future<Socks5Proxy> start(Vertx vertx, String username, String password) {
    Socks5Proxy proxy = new Socks5Proxy(vertx, username, password);
    NetServer server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0))
        .connectHandler(socket -> proxy.new Session(socket).start());
    return server.listen().map(s -> {
      proxy.port = s.actualPort();
      return proxy;
    });
  }

  public int port() {
    return port;
  }

  /** One client connection: greeting, maybe authentication, a CONNECT, then a tunnel. */
  private final class Session {
    private final NetSocket socket;
    private Buffer in = Buffer.buffer();
    private int stage; // 0 greeting, 1 authentication, 2 request, 3 tunnel

    Session(NetSocket socket) {
      this.socket = socket;
    }

    void start() {
      socket.handler(data -> {
        in.appendBuffer(data);
        step();
      });
    }

    private void step() {
      if (stage == 0 && in.length() >= 2 && in.length() >= 2 + in.getUnsignedByte(1)) {
        byte[] methods = in.getBytes(2, 2 + in.getUnsignedByte(1));
        consume(2 + methods.length);
        byte wanted = username == null ? (byte) 0 : (byte) 2;
        boolean offered = new String(methods, StandardCharsets.ISO_8859_1).indexOf(wanted) >= 0;
        socket.write(Buffer.buffer(new byte[] {5, offered ? wanted : (byte) 0xFF}));
        if (!offered) {
          socket.close();
          return;
        }
        stage = username == null ? 2 : 1;
        step();
      } else if (stage == 1 && in.length() >= 2) {
        int ulen = in.getUnsignedByte(1);
        if (in.length() < 3 + ulen || in.length() < 3 + ulen + in.getUnsignedByte(2 + ulen)) {
          return;
        }
        int plen = in.getUnsignedByte(2 + ulen);
        String user = in.getString(2, 2 + ulen, "UTF-8");
        String pass = in.getString(3 + ulen, 3 + ulen + plen, "UTF-8");
        consume(3 + ulen + plen);
        boolean ok = user.equals(username) && pass.equals(password);
        socket.write(Buffer.buffer(new byte[] {1, ok ? (byte) 0 : (byte) 1}));
        if (!ok) {
          refused.add(user);
          socket.close();
          return;
        }
        stage = 2;
        step();
      } else if (stage == 2 && in.length() >= 5) {
        request();
      }
    }

    private void request() {
      int type = in.getUnsignedByte(3);
      int addressLength = type == 1 ? 4 : type == 4 ? 16 : 1 + in.getUnsignedByte(4);
      if (in.length() < 4 + addressLength + 2) {
        return;
      }
      String host;
      try {
        host = type == 3 ? in.getString(5, 5 + in.getUnsignedByte(4), "US-ASCII")
            : InetAddress.getByAddress(in.getBytes(4, 4 + addressLength)).getHostAddress();
      } catch (UnknownHostException e) {
        socket.close();
        return;
      }
      int targetPort = in.getUnsignedShort(4 + addressLength);
      consume(4 + addressLength + 2);
      stage = 3;
      socket.pause();
      connects.add(host + ":" + targetPort);
      targets.connect(targetPort, host).onComplete(ar -> {
        byte status = ar.succeeded() ? (byte) 0 : (byte) 5; // 5: connection refused
        socket.write(Buffer.buffer(new byte[] {5, status, 0, 1, 0, 0, 0, 0, 0, 0}));
        if (ar.failed()) {
          socket.close();
          return;
        }
        NetSocket target = ar.result();
        if (in.length() > 0) {
          target.write(in);
        }
        socket.handler(null);
        socket.pipeTo(target);
        target.pipeTo(socket);
      });
    }

    private void consume(int n) {
      in = in.getBuffer(n, in.length());
    }
  }

  @Override
  public String toString() {
    return "socks5 proxy on 127.0.0.1:" + port + " " + Arrays.asList(connects.toArray());
  }
}
