package dev.turnpike.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link IdleTimeout} on real sockets: a server whose connections carry it with a 300 ms timeout,
 * and a handler after it that records each idle event (closing the connection unless told to keep
 * it). The bounds are wide on purpose: these assert what happens, not how fast.
 */
class IdleTimeoutTest {
  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private EventLoopGroup group;
  private Channel server;
  private final BlockingQueue<Long> idleEvents = new LinkedBlockingQueue<>();
  private volatile boolean closeOnIdle = true;
  private volatile boolean serverTalks;

  @BeforeEach
  void start() throws Exception {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(
                            new IdleTimeout(TIMEOUT),
                            new ChannelInboundHandlerAdapter() {
                              @Override
                              public void channelActive(ChannelHandlerContext ctx) {
                                if (serverTalks) { // a byte every 100 ms, nothing read: writing
                                  // alone is activity
                                  ctx.executor()
                                      .scheduleAtFixedRate(
                                          () ->
                                              ctx.writeAndFlush(
                                                  Unpooled.wrappedBuffer(new byte[] {'.'})),
                                          100,
                                          100,
                                          TimeUnit.MILLISECONDS);
                                }
                              }

                              @Override
                              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ctx.writeAndFlush(msg); // echo
                              }

                              @Override
                              public void userEventTriggered(
                                  ChannelHandlerContext ctx, Object evt) {
                                if (evt == IdleStateEvent.ALL_IDLE_STATE_EVENT) {
                                  idleEvents.add(System.nanoTime());
                                  if (closeOnIdle) {
                                    ctx.close();
                                  }
                                }
                              }
                            });
                  }
                })
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .sync()
            .channel();
  }

  @AfterEach
  void stop() throws Exception {
    server.close().sync();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Test
  void aSilentConnectionIsClosedAfterTheTimeoutNotBefore() throws Exception {
    try (Socket client = connect()) {
      long connected = System.nanoTime();
      assertEquals(-1, client.getInputStream().read(), "closed by the server");
      long closedAfter = System.nanoTime() - connected;
      assertTrue(
          closedAfter >= TIMEOUT.toNanos() - TimeUnit.MILLISECONDS.toNanos(20),
          "closed after " + closedAfter / 1_000_000 + " ms");
      assertTrue(
          closedAfter < TimeUnit.SECONDS.toNanos(5),
          "closed after " + closedAfter / 1_000_000 + " ms");
    }
    assertEquals(1, idleEvents.size());
  }

  @Test
  void aConnectionInUseStaysOpenThenIdlesOutAfterItsLastExchange() throws Exception {
    try (Socket client = connect()) {
      InputStream in = client.getInputStream();
      for (int i = 0;
          i < 12;
          i++) { // 1.2 s of traffic, four timeouts' worth, each gap a third of one
        client.getOutputStream().write('x');
        assertEquals('x', in.read(), "echo " + i);
        Thread.sleep(100);
      }
      assertTrue(idleEvents.isEmpty(), "no idle event while in use");
      long last = System.nanoTime();
      assertEquals(-1, in.read());
      assertTrue(
          System.nanoTime() - last >= TIMEOUT.toNanos() - TimeUnit.MILLISECONDS.toNanos(120),
          "idle time counted from the last exchange");
    }
  }

  @Test
  void writingCountsAsActivity() throws Exception {
    serverTalks = true;
    try (Socket client = connect()) {
      InputStream in = client.getInputStream();
      client.setSoTimeout(5000);
      for (int i = 0; i < 12; i++) {
        assertEquals('.', in.read(), "byte " + i + " from the server");
      }
      assertTrue(idleEvents.isEmpty(), "a connection the server writes to is not idle");
    }
  }

  @Test
  void theEventRepeatsWhileTheConnectionStaysSilent() throws Exception {
    closeOnIdle = false;
    try (Socket client = connect()) {
      Long first = idleEvents.poll(5, TimeUnit.SECONDS);
      Long second = idleEvents.poll(5, TimeUnit.SECONDS);
      assertTrue(first != null && second != null, "two events");
      assertTrue(
          second - first >= TIMEOUT.toNanos() - TimeUnit.MILLISECONDS.toNanos(20),
          "a timeout apart: " + (second - first) / 1_000_000 + " ms");
    }
  }

  @Test
  void aTimeoutMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new IdleTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new IdleTimeout(Duration.ofMillis(-1)));
  }

  private Socket connect() throws Exception {
    Socket s =
        new Socket(
            InetAddress.getLoopbackAddress(),
            ((InetSocketAddress) server.localAddress()).getPort());
    s.setSoTimeout(10_000);
    return s;
  }
}
