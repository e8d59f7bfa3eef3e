package dev.turnpike.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What Netty's {@code SniHandler} asks on every handshake: the context for the ClientHello's server
 * name. Reads the current index each time, so a certificate imported, re-imported or attached to a
 * domain is served on the next handshake with no restart, while open connections keep the context
 * they negotiated.
 */
public final class SniMapping implements Mapping<String, SslContext> {
  private final Supplier<SslContext> defaultContext;
  private final Supplier<CertificateIndex> index;

  public SniMapping(Supplier<SslContext> defaultContext, Supplier<CertificateIndex> index) {
    this.defaultContext = defaultContext;
    this.index = index;
  }

  @Override
  public SslContext map(@Nullable String serverName) {
    SslContext c = index.get().select(serverName);
    return c != null ? c : defaultContext.get();
  }
}
