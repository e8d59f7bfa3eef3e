package dev.turnpike.server;

import dev.turnpike.routing.RequestTarget;
import dev.turnpike.testkit.Fuzz;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 fuzzing of HTTP/1.1 heads: mutated requests (one or several pipelined, bodies framed by
 * length or chunks) through the data plane's decoder and aggregator, written in random splits as a
 * socket delivers them. Every message is a request or a decoding failure (the 400 path); the head
 * checks and the request-target normalization never throw; no exception reaches the pipeline's end.
 * (Buffer leaks are not asserted here: Netty reports them only when a buffer is collected.)
 */
class RequestHeadFuzzTest {
  private static final String[] VALID = {
    "GET /prod/pets?a=1&b=%20 HTTP/1.1\r\nHost: abc.execute-api.us-east-1.localhost\r\n"
        + "Authorization: AWS4-HMAC-SHA256 Credential=AKIA/20260101/us-east-1/execute-api/"
        + "aws4_request, SignedHeaders=host, Signature=00\r\n\r\n",
    "POST /prod/items HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Type: application/json"
        + "\r\n\r\nhello",
    "PUT /prod/x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;e=1\r\nhello\r\n"
        + "0\r\nTrailer: t\r\n\r\n",
    "GET http://h/prod/x HTTP/1.1\r\nHost: h\r\nConnection: keep-alive\r\n\r\n"
        + "HEAD /prod/y HTTP/1.0\r\n\r\n"
  };

  @Test
  void mutatedRequests_decodedOrRefusedNeverThrown() {
    Fuzz.seeded()
        .run(
            f -> f.mutate(f.oneOf(VALID) + f.oneOf(VALID), 4),
            raw -> {
              EmbeddedChannel ch =
                  new EmbeddedChannel(
                      new GatewayRequestDecoder(
                          new HttpDecoderConfig()
                              .setMaxInitialLineLength(10240)
                              .setMaxHeaderSize(10240)
                              .setMaxChunkSize(64 * 1024)),
                      new BodyLimitAggregator(10 * 1024 * 1024),
                      new SimpleChannelInboundHandler<FullHttpRequest>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest r) {
                          if (r.decoderResult().isSuccess() && RequestHeads.acceptable(r)) {
                            RequestTarget.normalize(r.uri());
                          }
                        }
                      });
              byte[] bytes = raw.getBytes(StandardCharsets.ISO_8859_1);
              int at = 0;
              java.util.Random random = new java.util.Random(bytes.length);
              while (at < bytes.length) {
                int n = 1 + random.nextInt(bytes.length - at);
                ch.writeInbound(Unpooled.wrappedBuffer(bytes, at, n));
                at += n;
              }
              ch.checkException();
              try {
                ch.finishAndReleaseAll();
              } catch (PrematureChannelClosureException truncated) {
                // the input ended inside a request: at close the aggregator says so (the
                // connection was closing anyway)
              }
            });
  }
}
