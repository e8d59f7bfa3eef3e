package dev.turnpike.server;

import dev.turnpike.http.WholeMessageAggregator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpUtil;
import org.jspecify.annotations.Nullable;

/**
 * Aggregates a request up to the payload limit; past it, answers 413 in AWS's JSON shape and closes
 * (API Gateway's 10 MB payload quota; REQUEST_TOO_LARGE is not customizable, so this needs no
 * stage).
 */
final class BodyLimitAggregator extends WholeMessageAggregator {
  static final String NAME = "aggregator";

  BodyLimitAggregator(int maxBodyBytes) {
    super(maxBodyBytes);
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    Responses.errorAndLingeringClose(ctx, 413, "RequestTooLargeException", "Request Too Long");
  }

  /**
   * No interim answer for a body announced over the limit with {@code Expect: 100-continue}: Netty
   * would answer it with its own empty 413; returning null sends it to {@link
   * #handleOversizedMessage}, so the 413 carries AWS's JSON body like every other (issue 22).
   */
  @Override
  protected @Nullable Object newContinueResponse(
      HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
    if (start.decoderResult().isSuccess()
        && HttpUtil.is100ContinueExpected(start)
        && announced(start) > maxContentLength) {
      return null;
    }
    return super.newContinueResponse(start, maxContentLength, pipeline);
  }

  /** The announced length, or -1 when absent or not a number (the decoder refuses those). */
  private static long announced(HttpMessage start) {
    try {
      return HttpUtil.getContentLength(start, -1L);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
