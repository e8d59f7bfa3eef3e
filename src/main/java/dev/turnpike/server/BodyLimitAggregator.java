package dev.turnpike.server;

import dev.turnpike.http.WholeMessageAggregator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;

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
    Responses.errorAndClose(ctx, 413, "RequestTooLargeException", "Request Too Long");
  }
}
