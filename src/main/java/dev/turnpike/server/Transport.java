package dev.turnpike.server;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.function.Supplier;

/**
 * The I/O transport: native epoll where Netty's native library loads (Linux x86_64: fewer syscalls
 * and no selector garbage than NIO), NIO elsewhere. {@code -Dturnpike.transport=nio} forces NIO.
 */
public enum Transport {
  EPOLL(EpollIoHandler::newFactory, EpollServerSocketChannel.class, EpollSocketChannel.class),
  NIO(NioIoHandler::newFactory, NioServerSocketChannel.class, NioSocketChannel.class);

  private final Supplier<IoHandlerFactory> handlers;
  private final Class<? extends ServerSocketChannel> serverChannel;
  private final Class<? extends SocketChannel> clientChannel;

  Transport(
      Supplier<IoHandlerFactory> handlers,
      Class<? extends ServerSocketChannel> serverChannel,
      Class<? extends SocketChannel> clientChannel) {
    this.handlers = handlers;
    this.serverChannel = serverChannel;
    this.clientChannel = clientChannel;
  }

  /** Epoll when available and not disabled, else NIO. */
  public static Transport best() {
    if ("nio".equalsIgnoreCase(System.getProperty("turnpike.transport"))) {
      return NIO;
    }
    return Epoll.isAvailable() ? EPOLL : NIO;
  }

  IoHandlerFactory handlerFactory() {
    return handlers.get();
  }

  Class<? extends ServerSocketChannel> serverChannel() {
    return serverChannel;
  }

  /** The socket channel type for outgoing (backend) connections on this transport's loops. */
  public Class<? extends SocketChannel> clientChannel() {
    return clientChannel;
  }
}
