package dev.turnpike.integration.http;

import static java.util.Objects.requireNonNull;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Resolves backend host names with the JDK resolver on a dedicated executor, so that a DNS lookup
 * never blocks an event loop (Netty's default resolver calls {@code InetAddress} on the loop). IP
 * literals are answered at once. Results reach the loop through the promise, which notifies its
 * listeners on the loop.
 */
final class OffLoopResolverGroup extends AddressResolverGroup<InetSocketAddress> {
  private final Executor blocking;

  OffLoopResolverGroup(Executor blocking) {
    this.blocking = requireNonNull(blocking, "blocking");
  }

  @Override
  protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
    return new OffLoopNameResolver(executor, blocking).asAddressResolver();
  }

  private static final class OffLoopNameResolver extends InetNameResolver {
    private final Executor blocking;

    OffLoopNameResolver(EventExecutor executor, Executor blocking) {
      super(executor);
      this.blocking = blocking;
    }

    @Override
    protected void doResolve(String host, Promise<InetAddress> promise) throws Exception {
      byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
      if (literal != null) {
        promise.setSuccess(InetAddress.getByAddress(host, literal));
        return;
      }
      offLoop(promise, () -> InetAddress.getByName(host));
    }

    @Override
    protected void doResolveAll(String host, Promise<List<InetAddress>> promise) throws Exception {
      byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
      if (literal != null) {
        promise.setSuccess(List.of(InetAddress.getByAddress(host, literal)));
        return;
      }
      offLoop(promise, () -> List.of(InetAddress.getAllByName(host)));
    }

    private <T> void offLoop(Promise<T> promise, Lookup<T> lookup) {
      try {
        blocking.execute(
            () -> {
              try {
                promise.trySuccess(lookup.run());
              } catch (UnknownHostException | RuntimeException e) {
                promise.tryFailure(e);
              }
            });
      } catch (RejectedExecutionException e) {
        promise.tryFailure(e);
      }
    }
  }

  @FunctionalInterface
  private interface Lookup<T> {
    T run() throws UnknownHostException;
  }
}
