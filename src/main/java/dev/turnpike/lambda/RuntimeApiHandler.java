package dev.turnpike.lambda;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Routes {@code /{token}/2018-06-01/runtime/...} to the instance's {@link RuntimeEndpoint}, with
 * the status codes and bodies of AWS's Runtime API (202 {@code {"status":"OK"}}; 400 {@code
 * InvalidRequestID}; 403 {@code InvalidStateTransition}; 413 over the payload limit). Stateless, so
 * shared; runs only on the server's own loop.
 *
 * <p>AWS: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
 */
@Sharable
final class RuntimeApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final String PREFIX = "/2018-06-01/runtime/";
  private static final String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type";

  /** Whether the parked {@code next} asked for keep-alive, for the late answer. */
  private static final AttributeKey<Boolean> KEEP_ALIVE =
      AttributeKey.valueOf("turnpike.lambda.keepAlive");

  private final Function<String, @Nullable RuntimeEndpoint> endpoints;

  RuntimeApiHandler(Function<String, @Nullable RuntimeEndpoint> endpoints) {
    this.endpoints = requireNonNull(endpoints, "endpoints");
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    String uri = request.uri();
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    int slash = path.indexOf('/', 1);
    RuntimeEndpoint endpoint = slash < 0 ? null : endpoints.apply(path.substring(1, slash));
    if (endpoint == null) {
      // An unknown prefix: another instance's (or a stopped one's) invocations stay out of reach.
      reply(ctx, request, HttpResponseStatus.FORBIDDEN, error("Unknown runtime", "InvalidRuntime"));
      return;
    }
    String rest = path.substring(slash);
    if (!rest.startsWith(PREFIX)) {
      reply(ctx, request, HttpResponseStatus.NOT_FOUND, error("Not found", "NotFound"));
      return;
    }
    String call = rest.substring(PREFIX.length());
    boolean get = request.method().equals(HttpMethod.GET);
    boolean post = request.method().equals(HttpMethod.POST);
    if (get && call.equals("invocation/next")) {
      ctx.channel().attr(KEEP_ALIVE).set(HttpUtil.isKeepAlive(request));
      endpoint.next(ctx);
    } else if (post && call.equals("init/error")) {
      initError(ctx, request, endpoint);
    } else if (post && call.startsWith("invocation/") && call.endsWith("/response")) {
      answer(ctx, request, endpoint, call.substring(11, call.length() - 9), false);
    } else if (post && call.startsWith("invocation/") && call.endsWith("/error")) {
      answer(ctx, request, endpoint, call.substring(11, call.length() - 6), true);
    } else {
      reply(ctx, request, HttpResponseStatus.NOT_FOUND, error("Not found", "NotFound"));
    }
  }

  private static void answer(
      ChannelHandlerContext ctx,
      FullHttpRequest request,
      RuntimeEndpoint endpoint,
      String requestId,
      boolean error) {
    Invocation current = endpoint.current();
    if (current == null) {
      reply(
          ctx,
          request,
          HttpResponseStatus.FORBIDDEN,
          error(
              "State transition from Ready to "
                  + (error ? "InvocationErrorResponse" : "InvocationResponse")
                  + " failed for runtime. Error: State transition is not allowed",
              "InvalidStateTransition"));
      return;
    }
    if (!current.requestId.equals(requestId)) {
      reply(
          ctx,
          request,
          HttpResponseStatus.BAD_REQUEST,
          error("Invalid request ID", "InvalidRequestID"));
      return;
    }
    byte[] body = ByteBufUtil.getBytes(request.content());
    if (!error && body.length > RuntimeApiServer.MAX_RESPONSE_BYTES) {
      String message =
          "Response payload size exceeded maximum allowed payload size ("
              + RuntimeApiServer.MAX_RESPONSE_BYTES
              + " bytes).";
      endpoint.answer(RuntimeReply.error(error(message, "Function.ResponseSizeTooLarge"), null));
      reply(
          ctx,
          request,
          HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
          error(
              "Exceeded maximum allowed payload size ("
                  + RuntimeApiServer.MAX_RESPONSE_BYTES
                  + " bytes).",
              "RequestEntityTooLarge"));
      return;
    }
    endpoint.answer(
        error
            ? RuntimeReply.error(body, request.headers().get(ERROR_TYPE_HEADER))
            : RuntimeReply.response(body));
    reply(ctx, request, HttpResponseStatus.ACCEPTED, ok());
  }

  private static void initError(
      ChannelHandlerContext ctx, FullHttpRequest request, RuntimeEndpoint endpoint) {
    if (endpoint.initDone.isDone()) {
      reply(
          ctx,
          request,
          HttpResponseStatus.FORBIDDEN,
          error(
              "State transition from Ready to InitError failed for runtime. "
                  + "Error: State transition is not allowed",
              "InvalidStateTransition"));
      return;
    }
    endpoint.initError.complete(
        RuntimeReply.error(
            ByteBufUtil.getBytes(request.content()), request.headers().get(ERROR_TYPE_HEADER)));
    reply(ctx, request, HttpResponseStatus.ACCEPTED, ok());
  }

  /** Answers a parked or fresh {@code next} with the event and its headers. */
  static void sendEvent(ChannelHandlerContext ctx, Invocation invocation, long deadlineEpochMs) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.OK,
            Unpooled.wrappedBuffer(invocation.payload));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, invocation.payload.length)
        .set("Lambda-Runtime-Aws-Request-Id", invocation.requestId)
        .set("Lambda-Runtime-Deadline-Ms", Long.toString(deadlineEpochMs))
        .set("Lambda-Runtime-Invoked-Function-Arn", invocation.functionArn)
        .set("Lambda-Runtime-Trace-Id", invocation.traceId);
    if (invocation.clientContext != null) {
      response.headers().set("Lambda-Runtime-Client-Context", invocation.clientContext);
    }
    if (invocation.cognitoIdentity != null) {
      response.headers().set("Lambda-Runtime-Cognito-Identity", invocation.cognitoIdentity);
    }
    Boolean keepAlive = ctx.channel().attr(KEEP_ALIVE).get();
    write(ctx, response, keepAlive == null || keepAlive);
  }

  private static void reply(
      ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, byte[] body) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    write(ctx, response, HttpUtil.isKeepAlive(request));
  }

  private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keep) {
    HttpUtil.setKeepAlive(response, keep);
    if (keep) {
      ctx.writeAndFlush(response, ctx.voidPromise());
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static byte[] ok() {
    return "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] error(String message, String type) {
    return ("{\"errorMessage\":\"" + message + "\",\"errorType\":\"" + type + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
