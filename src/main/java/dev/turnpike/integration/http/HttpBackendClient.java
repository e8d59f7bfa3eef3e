package dev.turnpike.integration.http;

import static java.util.Objects.requireNonNull;

import dev.turnpike.counters.Ticker;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * Sends one request to an HTTP(S) backend and returns the aggregated response, over pooled
 * keep-alive HTTP/1.1 connections.
 *
 * <p>Threading: one pool per (event loop, scheme, host, port). A call runs entirely on the event
 * loop passed to {@link #send}: its connection is registered on that loop, so a gateway calling
 * from a client connection's loop never hands data across threads. Nothing blocks the loop; host
 * names are resolved on a small dedicated executor. The channel type must match the loops'
 * transport (NIO by default; epoll when the gateway runs on epoll loops).
 *
 * <p>Failures complete the future with a {@link BackendException}: the whole call is bounded by
 * {@link BackendRequest#timeoutMillis()} ({@link BackendFailure#TIMEOUT}); see {@link
 * BackendFailure} for the rest.
 */
public final class HttpBackendClient implements AutoCloseable {
  private static final long CLOSE_WAIT_SECONDS = 5;

  private final EventLoopGroup group;
  private final Class<? extends SocketChannel> channelType;
  private final BackendClientOptions options;

  /**
   * Measures each call's elapsed time against its timeout and its latency; injected so tests drive
   * time.
   */
  private final Ticker ticker;

  private final SslContext sslContext;
  private final ThreadPoolExecutor dnsExecutor;
  private final OffLoopResolverGroup resolver;
  private final ConcurrentMap<PoolKey, BackendPool> pools = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private HttpBackendClient(
      EventLoopGroup group,
      Class<? extends SocketChannel> channelType,
      BackendClientOptions options,
      Ticker ticker) {
    this.group = group;
    this.channelType = channelType;
    this.options = options;
    this.ticker = ticker;
    this.sslContext = newSslContext(options);
    this.dnsExecutor = newDnsExecutor();
    this.resolver = new OffLoopResolverGroup(dnsExecutor);
  }

  /** A client whose connections live on the loops callers pass to {@link #send}. */
  public static HttpBackendClient create(EventLoopGroup group, BackendClientOptions options) {
    return create(group, NioSocketChannel.class, options);
  }

  /**
   * A client on loops of another transport (e.g. epoll), whose socket channel type is {@code
   * channelType}.
   */
  public static HttpBackendClient create(
      EventLoopGroup group,
      Class<? extends SocketChannel> channelType,
      BackendClientOptions options) {
    return create(group, channelType, options, Ticker.system());
  }

  /**
   * As {@link #create(EventLoopGroup, Class, BackendClientOptions)}, timing calls on {@code
   * ticker}.
   */
  public static HttpBackendClient create(
      EventLoopGroup group,
      Class<? extends SocketChannel> channelType,
      BackendClientOptions options,
      Ticker ticker) {
    return new HttpBackendClient(
        requireNonNull(group, "group"),
        requireNonNull(channelType, "channelType"),
        requireNonNull(options, "options"),
        requireNonNull(ticker, "ticker"));
  }

  /**
   * Sends {@code request}. Completes on {@code callerLoop} (the caller's), exceptionally with a
   * {@link BackendException}. Safe to call from any thread; cheapest from {@code callerLoop}.
   */
  public CompletableFuture<BackendResponse> send(BackendRequest request, EventLoop callerLoop) {
    long startNanos = ticker.read();
    requireNonNull(request, "request");
    requireNonNull(callerLoop, "callerLoop");
    BackendAddress address = BackendAddress.of(request.uri());
    if (closed) {
      return CompletableFuture.failedFuture(
          new BackendException(BackendFailure.CONNECT_FAILED, "client closed: " + address));
    }
    BackendCall call =
        new BackendCall(
            poolFor(callerLoop, address), request, address, callerLoop, ticker, startNanos);
    if (callerLoop.inEventLoop()) {
      call.start();
    } else {
      try {
        callerLoop.execute(call::start);
      } catch (RejectedExecutionException e) {
        return CompletableFuture.failedFuture(
            new BackendException(BackendFailure.CONNECT_FAILED, "event loop shut down", e));
      }
    }
    return call.result();
  }

  /** Sends {@code request} on the next loop of this client's group. */
  public CompletableFuture<BackendResponse> send(BackendRequest request) {
    return send(request, group.next());
  }

  /**
   * Closes idle connections and refuses new calls; calls in flight end with {@link
   * BackendFailure#RESET} or complete. Waits briefly for pools unless called on an event loop.
   */
  @Override
  public void close() {
    closed = true;
    List<Future<Void>> closing = new ArrayList<>();
    boolean onLoop = false;
    for (PoolKey key : pools.keySet()) {
      BackendPool pool = pools.remove(key);
      if (pool == null) {
        continue;
      }
      onLoop |= key.loop().inEventLoop();
      try {
        closing.add(pool.closeAsync());
      } catch (RejectedExecutionException e) {
        // The loop already shut down, and its connections with it.
      }
    }
    for (EventExecutor loop : group) {
      onLoop |= loop.inEventLoop();
    }
    if (!onLoop) {
      for (Future<Void> f : closing) {
        f.awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
      }
    }
    resolver.close();
    dnsExecutor.shutdownNow();
  }

  private BackendPool poolFor(EventLoop loop, BackendAddress address) {
    PoolKey key = new PoolKey(loop, address);
    BackendPool pool = pools.get(key);
    return pool != null ? pool : pools.computeIfAbsent(key, this::newPool);
  }

  private BackendPool newPool(PoolKey key) {
    BackendAddress address = key.address();
    Bootstrap bootstrap =
        new Bootstrap()
            .group(key.loop())
            .channel(channelType)
            .resolver(resolver)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, options.connectTimeoutMillis())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true)
            .remoteAddress(InetSocketAddress.createUnresolved(address.host(), address.port()));
    BackendChannelInitializer initializer =
        new BackendChannelInitializer(address, sslContext, options);
    return new BackendPool(key.loop(), bootstrap, initializer, options.maxConnectionsPerHost());
  }

  private static SslContext newSslContext(BackendClientOptions options) {
    SslContextBuilder builder =
        SslContextBuilder.forClient()
            .sslProvider(SslProvider.JDK)
            .endpointIdentificationAlgorithm("HTTPS");
    if (options.trustManagerFactory() != null) {
      builder.trustManager(options.trustManagerFactory());
    }
    try {
      return builder.build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build the TLS context for https backends", e);
    }
  }

  private static ThreadPoolExecutor newDnsExecutor() {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            2,
            2,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "turnpike-backend-dns-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /** A pool's identity: the loop its connections live on and the backend they reach. */
  private record PoolKey(EventLoop loop, BackendAddress address) {}
}
