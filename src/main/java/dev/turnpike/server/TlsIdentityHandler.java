package dev.turnpike.server;

import dev.turnpike.model.ClientCertificate;
import dev.turnpike.tls.ClientCertificates;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SniCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.AttributeKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;

/**
 * Records, once per connection, what the TLS handshake established for the requests that follow:
 * the SNI server name and, on a mutual-TLS domain, the client certificate the truststore validated
 * ({@code $context.identity.clientCert}). Sits between the SNI handler and ALPN and removes itself
 * after the handshake, so requests only read two channel attributes.
 */
final class TlsIdentityHandler extends ChannelInboundHandlerAdapter {
  static final String NAME = "tls-identity";
  static final AttributeKey<String> SERVER_NAME = AttributeKey.valueOf("turnpike.tls.serverName");
  static final AttributeKey<ClientCertificate> CLIENT_CERT =
      AttributeKey.valueOf("turnpike.tls.clientCert");

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof SniCompletionEvent sni && sni.hostname() != null) {
      ctx.channel().attr(SERVER_NAME).set(sni.hostname());
    } else if (evt instanceof SslHandshakeCompletionEvent done) {
      if (done.isSuccess()) {
        ClientCertificate cert = clientCertificate(ctx.pipeline().get(SslHandler.class));
        if (cert != null) {
          ctx.channel().attr(CLIENT_CERT).set(cert);
        }
      }
      ctx.fireUserEventTriggered(evt); // ALPN configures the HTTP pipeline on this event
      ctx.pipeline().remove(this);
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  private static @Nullable ClientCertificate clientCertificate(@Nullable SslHandler ssl) {
    // Only contexts of mutual-TLS domains ask for a certificate; asking the others' sessions would
    // throw.
    if (ssl == null || !ssl.engine().getNeedClientAuth()) {
      return null;
    }
    try {
      Certificate[] peer = ssl.engine().getSession().getPeerCertificates();
      return peer.length > 0 && peer[0] instanceof X509Certificate x
          ? ClientCertificates.describe(x)
          : null;
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }

  /** The connection of a request channel: itself, or for an HTTP/2 stream its parent. */
  static Channel connection(Channel ch) {
    Channel parent = ch.parent();
    return parent != null && ch instanceof io.netty.handler.codec.http2.Http2StreamChannel
        ? parent
        : ch;
  }
}
