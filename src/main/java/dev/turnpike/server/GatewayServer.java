package dev.turnpike.server;

import dev.turnpike.pipeline.RequestPath;
import dev.turnpike.snapshot.GatewaySnapshot;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The listeners: data-plane HTTP and HTTPS, and the admin port. Event loops: one acceptor thread,
 * and as many workers as cores; backend connections live on the same workers (see {@link
 * #workers()}). Shutdown stops accepting first, then lets in-flight requests finish.
 */
public final class GatewayServer implements AutoCloseable {
  private final Transport transport = Transport.best();
  private final EventLoopGroup boss =
      new MultiThreadIoEventLoopGroup(1, transport.handlerFactory());
  private final EventLoopGroup workers;
  private final HttpDate date;
  private @Nullable Channel httpChannel;
  private @Nullable Channel httpsChannel;
  private @Nullable Channel adminChannel;
  private @Nullable RequestPath requestPath;
  private @Nullable ConnectionLimit dataConnections;
  private @Nullable InFlightLimit inFlight;
  private final ConnectionLimit adminConnections =
      new ConnectionLimit(
          "admin listener", ListenerLimits.ADMIN_MAX_CONNECTIONS, GatewayServer::warn);

  public GatewayServer(int workerThreads) {
    this(workerThreads, Clock.systemUTC());
  }

  /** {@code clock}: the wall clock of every response's {@code Date} header. */
  public GatewayServer(int workerThreads, Clock clock) {
    this.workers = new MultiThreadIoEventLoopGroup(workerThreads, transport.handlerFactory());
    this.date = new HttpDate(clock);
  }

  /** The transport of the event loops (backend connections must use its client channel type). */
  public Transport transport() {
    return transport;
  }

  /** Connections the data listeners (HTTP and HTTPS together) hold now; for the metrics gauge. */
  public int openDataConnections() {
    ConnectionLimit cap = dataConnections;
    return cap == null ? 0 : cap.open();
  }

  /** Data-plane connections refused at the connection cap since start. */
  public long refusedDataConnections() {
    ConnectionLimit cap = dataConnections;
    return cap == null ? 0 : cap.refused();
  }

  /** The worker event loops; the backend client must be created on these. */
  public EventLoopGroup workers() {
    return workers;
  }

  public int bindHttp(
      String host,
      int port,
      ListenerLimits limits,
      RequestPath path,
      Supplier<GatewaySnapshot> snapshots)
      throws InterruptedException {
    requestPath = path;
    httpChannel =
        bind(
            host,
            port,
            dataLimit(limits),
            new GatewayChannelInitializer(limits, inFlight(limits), path, snapshots, date));
    return ((InetSocketAddress) httpChannel.localAddress()).getPort();
  }

  /**
   * The HTTPS listener: the certificate of each connection comes from {@code sni} (read on every
   * handshake).
   */
  public int bindHttps(
      String host,
      int port,
      ListenerLimits limits,
      RequestPath path,
      Supplier<GatewaySnapshot> snapshots,
      Mapping<String, SslContext> sni)
      throws InterruptedException {
    requestPath = path;
    httpsChannel =
        bind(
            host,
            port,
            dataLimit(limits),
            new GatewayChannelInitializer(limits, inFlight(limits), path, snapshots, date, sni));
    return ((InetSocketAddress) httpsChannel.localAddress()).getPort();
  }

  public int bindAdmin(
      String host,
      int port,
      ListenerLimits limits,
      ControlPlaneEndpoint endpoint,
      ExecutorService controlExecutor)
      throws InterruptedException {
    return bindAdmin(host, port, limits, endpoint, controlExecutor, AdminPages.NONE);
  }

  /** The admin listener with web pages (the knowledge base) beside the control plane. */
  public int bindAdmin(
      String host,
      int port,
      ListenerLimits limits,
      ControlPlaneEndpoint endpoint,
      ExecutorService controlExecutor,
      AdminPages pages)
      throws InterruptedException {
    adminChannel =
        bind(
            host,
            port,
            adminConnections,
            new AdminChannelInitializer(endpoint, controlExecutor, date, limits, pages));
    return ((InetSocketAddress) adminChannel.localAddress()).getPort();
  }

  /**
   * The one cap the data listeners share (HTTP and HTTPS draw on the same descriptors), made with
   * the first data listener's limits.
   */
  private ConnectionLimit dataLimit(ListenerLimits limits) {
    if (dataConnections == null) {
      dataConnections =
          new ConnectionLimit("data plane", limits.maxConnections(), GatewayServer::warn);
    }
    return dataConnections;
  }

  /** The one cap on requests under way the data listeners share, made like {@link #dataLimit}. */
  private InFlightLimit inFlight(ListenerLimits limits) {
    if (inFlight == null) {
      inFlight = new InFlightLimit(limits.maxInFlight());
    }
    return inFlight;
  }

  private static void warn(String line) {
    System.err.println(line);
  }

  private Channel bind(
      String host, int port, ConnectionLimit cap, io.netty.channel.ChannelHandler initializer)
      throws InterruptedException {
    return new ServerBootstrap()
        .group(boss, workers)
        .channel(transport.serverChannel())
        .handler(cap)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(initializer)
        .bind(host, port)
        .sync()
        .channel();
  }

  /**
   * Stops accepting, lets in-flight exchanges finish (up to {@code grace}), then stops the event
   * loops.
   */
  public void shutdown(Duration grace) {
    if (httpChannel != null) {
      httpChannel.close().awaitUninterruptibly();
    }
    if (httpsChannel != null) {
      httpsChannel.close().awaitUninterruptibly();
    }
    if (adminChannel != null) {
      adminChannel.close().awaitUninterruptibly();
    }
    long deadline = System.nanoTime() + grace.toNanos();
    while (requestPath != null && requestPath.inFlight() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(
            20); // shutdown thread, not an event loop: waiting for in-flight exchanges to finish
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    boss.shutdownGracefully(0, grace.toMillis(), TimeUnit.MILLISECONDS).awaitUninterruptibly();
    workers.shutdownGracefully(100, grace.toMillis(), TimeUnit.MILLISECONDS).awaitUninterruptibly();
  }

  @Override
  public void close() {
    shutdown(Duration.ofSeconds(10));
  }
}
