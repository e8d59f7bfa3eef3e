package dev.turnpike.lambda;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The Lambda Runtime API ({@code /2018-06-01/runtime/...}) on 127.0.0.1, an ephemeral port, and one
 * event loop of its own ({@code turnpike-lambda-rapi}): a runtime's long-poll must never hold a
 * gateway loop. Each instance gets a random path prefix ({@code AWS_LAMBDA_RUNTIME_API} is {@code
 * 127.0.0.1:port/token}), so one instance can fetch and answer only its own invocations.
 *
 * <p>AWS: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
 */
public final class RuntimeApiServer implements AutoCloseable {
  /** The response limit: 6 MiB plus 100 bytes (a larger post gets 413). */
  static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024 + 100;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final EventLoopGroup group;
  private final EventLoop loop;
  private final Channel channel;
  private final Clock clock;
  private final Map<String, RuntimeEndpoint> endpoints = new ConcurrentHashMap<>();

  private RuntimeApiServer(Clock clock) throws InterruptedException {
    this.clock = requireNonNull(clock, "clock");
    this.group =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("turnpike-lambda-rapi", true), NioIoHandler.newFactory());
    this.loop = group.next();
    RuntimeApiHandler handler = new RuntimeApiHandler(this::endpoint);
    this.channel =
        new ServerBootstrap()
            .group(loop)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    // A little above the response limit, so the handler (not the aggregator)
                    // answers an oversized response with AWS's 413 body.
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(MAX_RESPONSE_BYTES + 64 * 1024))
                        .addLast(handler);
                  }
                })
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .sync()
            .channel();
  }

  /** Starts the server on an ephemeral loopback port. */
  public static RuntimeApiServer start(Clock clock) {
    try {
      return new RuntimeApiServer(clock);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding the Runtime API", e);
    }
  }

  /** The port on 127.0.0.1. */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** A new instance's endpoint, under a fresh random prefix. */
  RuntimeEndpoint register() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String token = HexFormat.of().formatHex(bytes);
    RuntimeEndpoint endpoint = new RuntimeEndpoint(token, loop, clock);
    endpoints.put(token, endpoint);
    return endpoint;
  }

  /** {@code AWS_LAMBDA_RUNTIME_API} for an endpoint. */
  String address(RuntimeEndpoint endpoint) {
    return "127.0.0.1:" + port() + "/" + endpoint.token;
  }

  void unregister(RuntimeEndpoint endpoint) {
    endpoints.remove(endpoint.token, endpoint);
    endpoint.close();
  }

  private @Nullable RuntimeEndpoint endpoint(String token) {
    return endpoints.get(token);
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }
}
